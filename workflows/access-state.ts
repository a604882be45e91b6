import type { EndGrantInput } from '../activities/types.js';
import type { ItDisableInput } from './it-disable.workflow.js';
import { checkAccessDuration, type AccessEndReason, type AccessRequestInput, type ExtendRequest, type GrantView, type RevokeRequest } from '../libs/policy/access-request.js';

/**
 * What the signals of an access request have asked for, and the grant's current window. Signal handlers
 * only set fields here; the main flow acts on them, so every side effect stays in one ordered place.
 */
export class AccessState {
  revoke: RevokeRequest | null = null;
  emergency: RevokeRequest | null = null;
  extension: ExtendRequest | null = null;
  extensionPending = false;
  applyingExtension = false;
  grant: GrantView | null = null;
  /** The directory member that enforces the grant, once the directory confirmed it; null: enabled by hand. */
  enforced: { group: string; entry: string } | null = null;
  /** A kind the directory does not reach: a signed webhook enforces it, or IT by hand; null: as before (no bookkeeping). */
  connector: 'webhook' | 'manual' | null = null;
  /** The grant.enabled delivery, still retrying while the grant runs; grant.ended is sent after it. */
  enabledHook: Promise<unknown> | null = null;
  /** The grant's end and IT's removal it opens, not yet written (REMOVAL_HELD_PATCH: endAndHoldRemoval). */
  ending: { end: EndGrantInput; removal: ItDisableInput } | null = null;
  /** IT's hand-removal of the ended grant, held by this run (REMOVAL_HELD_PATCH): the run ends when it is done. */
  removal: Promise<unknown> | null = null;
  /** Bumped when the window changes, so the waiting loop recomputes its timers. */
  version = 0;
  reminded = false;
  ended = false;
  endReason: AccessEndReason | null = null;

  constructor(private readonly input: AccessRequestInput) {}

  /** Who stopped the request early, if anyone: an emergency cut-off wins over an ordinary revoke. */
  stop(): { reason: 'emergency_cut_off' | 'revoked'; by: RevokeRequest } | null {
    if (this.emergency) return { reason: 'emergency_cut_off', by: this.emergency };
    if (this.revoke) return { reason: 'revoked', by: this.revoke };
    return null;
  }

  /** An extension is taken only for an active grant, one at a time, within the kind's maximum. */
  offerExtension(r: ExtendRequest): void {
    const usable = this.grant && !this.ended && !this.extensionPending && this.extension === null && this.stop() === null;
    if (usable && checkAccessDuration(this.input.kind, r.extraMs, this.input.settings) === null) this.extension = r;
  }
}
