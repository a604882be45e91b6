/**
 * A tiny builder for parameterised WHERE clauses: read-model queries add conditions as they go and never
 * splice values into SQL text.
 */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** A placeholder for a value ($n). */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.parts.push(`(${condition})`);
    return this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
