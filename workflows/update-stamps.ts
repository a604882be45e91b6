import { ApplicationFailure } from '@temporalio/workflow';
import { type TaskRejection } from '../libs/policy/errors.js';
import { isRefusedPayload, REFUSED_PAYLOAD_MESSAGE, UPDATE_STAMP_WINDOW_MS, type UpdateStamp } from '../libs/policy/trust.js';

/** At most this many nonces are kept (far above what one workflow receives in a window). */
const MAX_NONCES = 2_000;

/** A workflow input the payload codec could not authenticate fails the workflow at once, before it writes anything. */
export function refuseUnauthenticatedInput(input: unknown): void {
  if (isRefusedPayload(input)) throw ApplicationFailure.create({ type: 'UNAUTHENTICATED_PAYLOAD', message: REFUSED_PAYLOAD_MESSAGE, nonRetryable: true });
}

/** A validator's answer to an Update argument the payload codec could not authenticate. */
export const unauthenticated = (args: unknown): TaskRejection | null => (isRefusedPayload(args) ? { code: 'FORBIDDEN', message: REFUSED_PAYLOAD_MESSAGE } : null);

/**
 * Replay protection of Updates. An encrypted Update copied from this workflow's history and sent again
 * under a new update id carries the API's old `sentAt` and a nonce already used: validators refuse both.
 * Validators run only for new Updates (never on replay), so reading workflow time there is
 * deterministic-safe. Nonces are remembered by the handlers, which do run on replay, so a worker that
 * rebuilt this workflow from history knows them too. Only the window's nonces are kept: older ones are
 * refused by their `sentAt` anyway.
 */
export class UpdateStamps {
  private readonly seen = new Map<string, number>();

  check(args: Partial<UpdateStamp> | undefined): TaskRejection | null {
    const sentAt = typeof args?.sentAt === 'string' ? Date.parse(args.sentAt) : NaN;
    const nonce = args?.nonce;
    if (!Number.isFinite(sentAt) || typeof nonce !== 'string' || nonce.length < 16 || nonce.length > 64) {
      return { code: 'VALIDATION_FAILED', message: 'sentAt (ISO time) and nonce are required' };
    }
    if (Math.abs(Date.now() - sentAt) > UPDATE_STAMP_WINDOW_MS) return { code: 'FORBIDDEN', message: 'refused: this Update was not sent just now (a replayed copy?)' };
    if (this.seen.has(nonce)) return { code: 'FORBIDDEN', message: 'refused: this Update was already received once (a replayed copy)' };
    return null;
  }

  /** Called first thing by each Update handler. Older histories carry no stamp: nothing to remember. */
  remember(args: Partial<UpdateStamp> | undefined): void {
    if (typeof args?.nonce !== 'string' || typeof args.sentAt !== 'string') return;
    const horizon = Date.now() - UPDATE_STAMP_WINDOW_MS;
    for (const [n, at] of this.seen) if (at < horizon || this.seen.size >= MAX_NONCES) this.seen.delete(n);
    this.seen.set(args.nonce, Date.parse(args.sentAt));
  }
}
