/** Broken invariants, each tagged with the phase of the run (which fault) it was seen in. */
export interface Violation {
  phase: string;
  kind: string;
  detail: string;
}

export class Violations {
  readonly list: Violation[] = [];
  phase = 'start-up';

  add(kind: string, detail: string): void {
    this.list.push({ phase: this.phase, kind, detail });
    process.stdout.write(`[faults] VIOLATION (${this.phase}) ${kind}: ${detail}\n`);
  }

  inPhase(phase: string): Violation[] {
    return this.list.filter((v) => v.phase === phase);
  }
}
