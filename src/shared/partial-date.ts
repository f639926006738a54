/**
 * Partial ISO dates (`2021`, `2021-06`, `2021-06-15`) as the spans of days they may mean, so that
 * dates of different precision compare honestly: "2023" is after 15 June 2021, "2021-06" is not
 * clearly after it.
 *
 * Owns: parsing a partial ISO date into its first and last possible day, and the comparisons built
 * on that. Never: reads the page, the clock or the locale.
 */
import type { DateOrRange, IsoDate } from '../dataset/schema.ts';

/** Days since 1970-01-01 (UTC), inclusive at both ends. */
export interface DaySpan {
  first: number;
  last: number;
}

const DAY_MS = 86_400_000;
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month (1-based), leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A whole-day number for a calendar date, or undefined when the date does not exist. */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The day a `Date` falls on in UTC. */
export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** `YYYY-MM-DD` for a whole-day number. */
export function isoOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The days a partial ISO date may mean; undefined for anything else ("undated", "2021-13"). */
export function span(date: IsoDate): DaySpan | undefined {
  const m = PARTIAL.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[3]) {
    const d = dayNumber(year, Number(m[2]), Number(m[3]));
    return d === undefined ? undefined : { first: d, last: d };
  }
  if (m[2]) {
    const month = Number(m[2]);
    const first = dayNumber(year, month, 1);
    if (first === undefined) return undefined;
    return { first, last: first + daysInMonth(year, month) - 1 };
  }
  return { first: dayNumber(year, 1, 1)!, last: dayNumber(year, 12, 31)! };
}

/** How precise a partial ISO date is: 1 year, 2 month, 3 day. */
export function precision(date: IsoDate): 1 | 2 | 3 {
  return date.split('-').length as 1 | 2 | 3;
}

/** Where a date or range starts (a range is dated by its start). */
export function startOf(d: DateOrRange): IsoDate {
  return typeof d === 'string' ? d : d.from;
}

/** True when every day `a` may mean comes after every day `b` may mean. */
export function clearlyAfter(a: IsoDate, b: IsoDate): boolean {
  const sa = span(a);
  const sb = span(b);
  return !!sa && !!sb && sa.first > sb.last;
}

/** True when `a` may fall on or after `b` (some day of `a` is not before some day of `b`). */
export function mayBeOnOrAfter(a: IsoDate, b: IsoDate): boolean {
  const sa = span(a);
  const sb = span(b);
  return !!sa && !!sb && sa.last >= sb.first;
}

/** True when the two dates may mean days at most `slack` days apart. */
export function near(a: IsoDate, b: IsoDate, slack: number): boolean {
  const sa = span(a);
  const sb = span(b);
  if (!sa || !sb) return false;
  return sa.first - sb.last <= slack && sb.first - sa.last <= slack;
}
