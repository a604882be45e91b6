/**
 * Preloaded with `--require` (which, unlike `--import`, also runs in every worker thread) into a worker
 * process the benchmark measures, started with --expose-gc. On the IPC message "bench:memory" the main
 * thread collects its garbage, asks every thread over a BroadcastChannel to do the same and to report
 * its V8 heap, and answers with the process's RSS, its own heap and the threads' heaps. The Temporal
 * SDK runs workflows in a worker thread: that thread's heap after a full GC is the workflows' live
 * data, a steadier measure than RSS (which also counts garbage and allocator slack).
 * CommonJS and plain JavaScript: it loads before any TypeScript loader.
 */
/* global require, process, setTimeout, clearTimeout */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (see above)
const { BroadcastChannel, isMainThread, threadId } = require('node:worker_threads');

const channel = new BroadcastChannel('custodian-bench-memory');
channel.unref(); // never keeps a thread or the process alive
const collect = () => {
  globalThis.gc?.();
  return process.memoryUsage();
};

/** How long a round waits for a thread that has answered before: a full GC of a heap holding 10,000 workflows takes seconds. */
const THREAD_TIMEOUT_MS = 120_000;
/** How long the first round waits for threads it has not heard from yet. */
const DISCOVERY_MS = 500;

if (!isMainThread) {
  channel.onmessage = (e) => {
    if (e.data?.type === 'collect') channel.postMessage({ type: 'heap', id: e.data.id, threadId, heapUsed: collect().heapUsed });
  };
} else if (process.send) {
  let round = 0;
  /** Threads that answered an earlier round: the next round waits for each of them (a thread that misses a round is dropped). */
  let known = new Set();
  process.on('message', (m) => {
    if (m !== 'bench:memory') return;
    const id = ++round;
    const threads = new Map();
    let done = false;
    const answer = () => {
      if (done) return;
      done = true;
      clearTimeout(discovery);
      clearTimeout(timeout);
      const u = collect();
      const threadHeap = [...threads.values()].reduce((a, b) => a + b, 0);
      const missing = [...known].filter((t) => !threads.has(t)).length;
      known = new Set(threads.keys());
      process.send({ type: 'bench:memory', rss: u.rss, heapUsed: u.heapUsed, threadHeapUsed: threadHeap, threads: threads.size, missing });
    };
    const allKnownIn = () => known.size > 0 && [...known].every((t) => threads.has(t));
    channel.onmessage = (e) => {
      if (e.data?.type !== 'heap' || e.data.id !== id) return;
      threads.set(e.data.threadId, e.data.heapUsed);
      if (allKnownIn()) setTimeout(answer, 50); // a moment for any thread not known yet
    };
    channel.postMessage({ type: 'collect', id });
    // Threads answer between their own tasks: every known one is waited for, up to THREAD_TIMEOUT_MS;
    // in the first round (none known) the answer goes out after DISCOVERY_MS.
    const discovery = setTimeout(() => known.size === 0 && answer(), DISCOVERY_MS);
    const timeout = setTimeout(answer, THREAD_TIMEOUT_MS);
  });
  process.channel?.unref();
}
