/**
 * Where "Report a problem" opens, as this build was configured (`CC_REPORT_TO`, checked by
 * build/report-destination.ts); undefined when the build names none.
 *
 * Owns: nothing but the lookup. Never: opens the address (only the reader's click does).
 */
import destination from 'virtual:cc-report-to';
import type { Destination } from './problem-report.ts';

export const REPORT_TO: Destination | undefined = destination ?? undefined;
