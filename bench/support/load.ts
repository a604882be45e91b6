/**
 * A closed-loop load driver: `concurrency` loops each take the next item until `total` are done, so
 * the system is never offered more than it can take and throughput = completed / elapsed.
 * Prints progress every 2 s while it runs. Bounded by count and by `deadlineMs`.
 */
export interface LoadResult {
  completed: number;
  failed: number;
  elapsedMs: number;
  throughputPerSec: number;
  /** The first few distinct error messages, for the report. */
  errors: string[];
}

export async function runLoad(o: {
  label: string;
  total: number;
  concurrency: number;
  deadlineMs?: number;
  progress: (m: string) => void;
  task: (i: number) => Promise<void>;
}): Promise<LoadResult> {
  let next = 0;
  let completed = 0;
  let failed = 0;
  const errors = new Set<string>();
  const started = performance.now();
  const deadline = started + (o.deadlineMs ?? 10 * 60_000);
  const tick = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    o.progress(`${o.label}: ${completed + failed}/${o.total} done (${failed} failed), ${(completed / s).toFixed(1)}/s, ${s.toFixed(0)} s`);
  }, 2000);
  const loop = async () => {
    while (next < o.total && performance.now() < deadline) {
      const i = next++;
      try {
        await o.task(i);
        completed++;
      } catch (e) {
        failed++;
        if (errors.size < 5) errors.add((e as Error).message);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.concurrency, o.total) }, loop));
  } finally {
    clearInterval(tick);
  }
  const elapsedMs = performance.now() - started;
  if (next < o.total) o.progress(`${o.label}: deadline reached after ${next} of ${o.total}`);
  return { completed, failed, elapsedMs, throughputPerSec: completed / (elapsedMs / 1000), errors: [...errors] };
}
