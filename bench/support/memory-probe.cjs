/**
 * Preloaded with `--require` (which, unlike `--import`, also runs in every worker thread) into a worker
 * process the benchmark measures, started with --expose-gc. On the IPC message "bench:memory" the main
 * thread collects its garbage, asks every thread over a BroadcastChannel to do the same and to report
 * its V8 heap, and answers with the process's RSS, its own heap and the threads' heaps. The Temporal
 * SDK runs workflows in a worker thread: that thread's heap after a full GC is the workflows' live
 * data, a steadier measure than RSS (which also counts garbage and allocator slack).
 * CommonJS and plain JavaScript: it loads before any TypeScript loader.
 */
/* global require, process, setTimeout */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose (see above)
const { BroadcastChannel, isMainThread, threadId } = require('node:worker_threads');

const channel = new BroadcastChannel('custodian-bench-memory');
channel.unref(); // never keeps a thread or the process alive
const collect = () => {
  globalThis.gc?.();
  return process.memoryUsage();
};

if (!isMainThread) {
  channel.onmessage = (e) => {
    if (e.data?.type === 'collect') channel.postMessage({ type: 'heap', id: e.data.id, threadId, heapUsed: collect().heapUsed });
  };
} else if (process.send) {
  let round = 0;
  process.on('message', (m) => {
    if (m !== 'bench:memory') return;
    const id = ++round;
    const threads = new Map();
    channel.onmessage = (e) => {
      if (e.data?.type === 'heap' && e.data.id === id) threads.set(e.data.threadId, e.data.heapUsed);
    };
    channel.postMessage({ type: 'collect', id });
    // Threads answer between their own tasks; a busy one is given a moment, then the answer goes out.
    setTimeout(() => {
      const u = collect();
      const threadHeap = [...threads.values()].reduce((a, b) => a + b, 0);
      process.send({ type: 'bench:memory', rss: u.rss, heapUsed: u.heapUsed, threadHeapUsed: threadHeap, threads: threads.size });
    }, 500);
  });
  process.channel?.unref();
}
