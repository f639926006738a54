/**
 * Reads a Chromium trace (CDP tracing, JSON) for the longest main-thread task between the page's
 * `console.timeStamp('cc-start')` and `console.timeStamp('cc-end')`. The Long Tasks API only
 * reports tasks over 50 ms; the trace sees every task.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { message?: string } };
}

export function longestTask(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): number {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const stamp = (m: string) =>
    events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === m);
  const start = stamp('cc-start');
  const end = stamp('cc-end');
  if (!start || !end) return NaN;
  let longest = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== start.pid || e.tid !== start.tid) continue;
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    const finish = e.ts + (e.dur ?? 0);
    // Tasks that overlap the marking, up to the frame after it.
    if (finish < start.ts || e.ts > end.ts + 50_000) continue;
    longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}
