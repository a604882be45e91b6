import type { EntityManager } from 'typeorm';
import type { ProjectedEvent } from './types.js';

export type ProjectionHandler = (m: EntityManager, e: ProjectedEvent<any>) => Promise<void>;

/**
 * A read model: the tables it owns and how each event type changes them. The same handlers update
 * the tables live (inside the append's transaction) and rebuild them from the log, so a rebuilt read
 * model cannot differ from the live one.
 */
export interface Projector {
  name: string;
  /** Tables this projector owns, emptied before a rebuild, children before parents. */
  tables: string[];
  handlers: Record<string, ProjectionHandler>;
}

export class ProjectorRegistry {
  private readonly byType = new Map<string, ProjectionHandler[]>();
  constructor(readonly projectors: Projector[]) {
    for (const p of projectors) {
      for (const [type, h] of Object.entries(p.handlers)) {
        const list = this.byType.get(type) ?? [];
        list.push(h);
        this.byType.set(type, list);
      }
    }
  }

  async apply(m: EntityManager, e: ProjectedEvent): Promise<void> {
    for (const h of this.byType.get(e.type) ?? []) await h(m, e);
  }

  /** Tables of every projector, in an order safe to empty. */
  tables(): string[] {
    return this.projectors.flatMap((p) => p.tables);
  }
}
