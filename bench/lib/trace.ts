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

type Trace = { traceEvents: TraceEvent[] } | TraceEvent[];

/** The main thread's tasks that overlap the marking, up to the frame after it. */
function tasksOf(trace: Trace): { tasks: TraceEvent[]; events: TraceEvent[] } | undefined {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const stamp = (m: string) =>
    events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === m);
  const start = stamp('cc-start');
  const end = stamp('cc-end');
  if (!start || !end) return undefined;
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === start.pid && e.tid === start.tid);
  const tasks = onMain.filter((e) => {
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') return false;
    const finish = e.ts + (e.dur ?? 0);
    return finish >= start.ts && e.ts <= end.ts + 50_000;
  });
  return { tasks, events: onMain };
}

export function longestTask(trace: Trace): number {
  const t = tasksOf(trace);
  if (!t) return NaN;
  return t.tasks.reduce((m, e) => Math.max(m, (e.dur ?? 0) / 1000), 0);
}

/**
 * The `n` longest of those tasks, each with the time of the events inside it summed by name
 * (longest first; nested events are counted in their own name too): `bench/profile.ts --trace`.
 */
export function longTasks(trace: Trace, n: number): { ms: number; inside: [string, number][] }[] {
  const t = tasksOf(trace);
  if (!t) return [];
  // A task may be reported twice, one event inside the other: the outer one stands for both.
  const outer: TraceEvent[] = [];
  for (const e of [...t.tasks].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    const last = outer[outer.length - 1];
    if (last && e.ts + (e.dur ?? 0) <= last.ts + (last.dur ?? 0)) continue;
    outer.push(e);
  }
  return outer
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .slice(0, n)
    .map((task) => {
      const sums = new Map<string, number>();
      const end = task.ts + (task.dur ?? 0);
      for (const e of t.events) {
        if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > end) continue;
        if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
        sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
      const inside = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 8);
      return { ms: (task.dur ?? 0) / 1000, inside };
    });
}
