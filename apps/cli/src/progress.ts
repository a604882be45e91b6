/**
 * Progress lines such as `[rebuild] 12000/50000 events`, at most one every `everyMs` (a long log would
 * otherwise print thousands), always including the last one.
 */
export function progressPrinter(print: (line: string) => void, label: string, everyMs = 1000): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < everyMs) return;
    last = now;
    print(`[${label}] ${done}/${total} events`);
  };
}
