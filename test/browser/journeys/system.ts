import type { Browser } from 'playwright-core';

/** What a journey needs from the running system. */
export interface JourneySystem {
  browser: Browser;
  baseUrl: string;
  /** Moves the workflows' clock forward (a time-skipping Temporal server), e.g. past an access window. */
  advanceTime(ms: number): Promise<void>;
}
