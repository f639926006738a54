/**
 * Chromium measurements over the DevTools protocol, attributed to the extension's own scripts
 * (every script of ours runs from a `chrome-extension://` URL; the page's from its own origin):
 *
 * - `profileShares`: CPU time from the sampling profiler. A sample counts as ours when any frame
 *   of its stack is one of our functions, so the DOM and highlight work our code calls (native
 *   frames under ours) is ours too. Samples are taken on the renderer's main thread whether it is
 *   running or not, so on a busy machine both our time and the wall time stretch together: the
 *   share is robust to other load, a raw duration would not be.
 * - `tasksRunningOurScripts`: every main-thread task that ran any code of ours, with its wall
 *   duration and its thread (CPU) time, from a trace with V8's sampler in it.
 * - `heapAfterGc`: the isolate's JS heap plus Blink's (Oilpan) heap, after full garbage
 *   collections: what stays allocated.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const OURS = /^chrome-extension:\/\//;

export interface ProfileShares {
  wallMs: number;
  /** Time in samples with our code on the stack. */
  extensionMs: number;
  /** Time in samples running the page's own scripts (and not ours). */
  pageMs: number;
  idleMs: number;
  gcMs: number;
  extensionShare: number;
  pageShare: number;
}

export async function startProfiler(cdp: CDPSession, intervalUs = 500): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

export async function stopProfiler(cdp: CDPSession, pageOrigin: string): Promise<ProfileShares> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.send('Profiler.disable');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Classify each node once: ours if it or any ancestor is ours; else page if any is the page's.
  const kind = new Map<number, 'ours' | 'page' | 'idle' | 'gc' | 'other'>();
  const classify = (id: number): 'ours' | 'page' | 'idle' | 'gc' | 'other' => {
    const known = kind.get(id);
    if (known) return known;
    const n = byId.get(id)!;
    let k: 'ours' | 'page' | 'idle' | 'gc' | 'other';
    if (OURS.test(n.callFrame.url)) k = 'ours';
    else if (n.callFrame.functionName === '(idle)') k = 'idle';
    else if (n.callFrame.functionName === '(garbage collector)') k = 'gc';
    else {
      const up = parent.get(id);
      const above = up === undefined ? 'other' : classify(up);
      k =
        above === 'ours' || above === 'page'
          ? above
          : n.callFrame.url.startsWith(pageOrigin)
            ? 'page'
            : 'other';
    }
    kind.set(id, k);
    return k;
  };
  const totals = { ours: 0, page: 0, idle: 0, gc: 0, other: 0 };
  // timeDeltas[i] is the time since the previous sample: it belongs to the sample before i.
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    totals[classify(profile.samples[i]!)] += dt;
  }
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  return {
    wallMs,
    extensionMs: totals.ours / 1000,
    pageMs: totals.page / 1000,
    idleMs: totals.idle / 1000,
    gcMs: totals.gc / 1000,
    extensionShare: totals.ours / 1000 / wallMs,
    pageShare: totals.page / 1000 / wallMs,
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    data?: {
      startTime?: number;
      cpuProfile?: {
        nodes?: { id: number; parent?: number; callFrame: { url?: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

/** Starts a trace of main-thread tasks with V8's sampling profiler in it; returns `stop`. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['toplevel', 'disabled-by-default-v8.cpu_profiler'],
      excludedCategories: ['*'],
    },
  });
  return async () => {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

export interface Task {
  /** Wall duration, ms. */
  ms: number;
  /** Thread (CPU) time, ms (wall time for any slice the trace gives no thread time). */
  cpuMs: number;
  /** Samples in the task with our code on the stack. */
  ourSamples: number;
}

/**
 * The main-thread tasks that ran any of our code: a task is ours when one of the trace's
 * profiler samples taken during it has a `chrome-extension://` frame on its stack. (Trace events
 * name the script only for some entry points; a promise continuation such as "settings loaded,
 * now mark" shows only in the samples.)
 */
export function tasksRunningOurScripts(events: TraceEvent[]): Task[] {
  // Samples with our code on the stack, per profiled thread, as trace timestamps.
  const profiles = new Map<string, { pid: number; tid: number; time: number }>();
  const nodes = new Map<string, Map<number, { parent?: number; ours: boolean }>>();
  const ourSamples: { pid: number; tid: number; ts: number }[] = [];
  for (const e of events)
    if (e.name === 'Profile' && e.id)
      profiles.set(`${e.pid}:${e.id}`, {
        pid: e.pid,
        tid: e.tid,
        time: e.args?.data?.startTime ?? e.ts,
      });
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const key = `${e.pid}:${e.id}`;
    const profile = profiles.get(key);
    if (!profile) continue;
    const tree = nodes.get(key) ?? new Map();
    nodes.set(key, tree);
    for (const n of e.args?.data?.cpuProfile?.nodes ?? [])
      tree.set(n.id, { parent: n.parent, ours: OURS.test(n.callFrame.url ?? '') });
    const isOurs = (id: number): boolean => {
      for (let n = tree.get(id); n; n = n.parent === undefined ? undefined : tree.get(n.parent))
        if (n.ours) return true;
      return false;
    };
    const samples = e.args?.data?.cpuProfile?.samples ?? [];
    const deltas = e.args?.data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      profile.time += deltas[i] ?? 0;
      if (isOurs(samples[i]!))
        ourSamples.push({ pid: profile.pid, tid: profile.tid, ts: profile.time });
    }
  }
  // Tasks: the thread's top-level slices. The microtask checkpoint that ends a task is traced as
  // a slice of its own after the task's RunTask slice, not inside it, so it is merged into the
  // slice it follows.
  const threads = new Set(ourSamples.map((s) => `${s.pid}:${s.tid}`));
  // A slice without thread time counts its wall time (an upper bound), so a task's CPU time
  // is never under-reported.
  const tasks: { pid: number; tid: number; ts: number; end: number; cpu: number }[] = [];
  const slices = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && threads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.pid - b.pid || a.tid - b.tid || a.ts - b.ts);
  for (const e of slices) {
    const last = tasks[tasks.length - 1];
    const same = last && last.pid === e.pid && last.tid === e.tid;
    if (same && e.ts < last.end) {
      last.end = Math.max(last.end, e.ts + e.dur!); // nested in the current top-level slice
      continue;
    }
    const cpu = e.tdur ?? e.dur!;
    if (same && /MicrotaskCheckpoint|RunMicrotasks/.test(e.name) && e.ts - last.end <= 1000) {
      last.end = e.ts + e.dur!;
      last.cpu += cpu;
    } else tasks.push({ pid: e.pid, tid: e.tid, ts: e.ts, end: e.ts + e.dur!, cpu });
  }
  const out = new Map<(typeof tasks)[number], Task>();
  for (const s of ourSamples) {
    const task = tasks.find(
      (t) => t.pid === s.pid && t.tid === s.tid && t.ts <= s.ts && s.ts <= t.end,
    );
    if (!task) continue;
    const entry = out.get(task) ?? {
      ms: (task.end - task.ts) / 1000,
      cpuMs: task.cpu / 1000,
      ourSamples: 0,
    };
    entry.ourSamples++;
    out.set(task, entry);
  }
  return [...out.values()];
}

export interface Heap {
  /** V8 heap in use (every world of the page's isolate), bytes. */
  js: number;
  /** Blink's garbage-collected heap (DOM nodes, ranges, highlights), bytes. */
  blink: number;
}

export async function heapAfterGc(cdp: CDPSession): Promise<Heap> {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as unknown as {
    usedSize: number;
    embedderHeapUsedSize?: number;
  };
  await cdp.send('HeapProfiler.disable');
  return { js: u.usedSize, blink: u.embedderHeapUsedSize ?? 0 };
}
