/**
 * What the payload codec (libs/temporal/payload-codec.ts) puts in place of a payload it cannot
 * authenticate: plaintext sent straight to the Temporal frontend or Web UI, a ciphertext copied from
 * another workflow, an unknown key, a tampered tag. The codec does not throw (a throwing codec fails the
 * workflow task, which Temporal retries forever: one plaintext signal would freeze the workflow); every
 * entry point refuses this value instead, writing nothing.
 */
export const REFUSED_PAYLOAD_FIELD = '$refused';
export const REFUSED_PAYLOAD_VALUE = { [REFUSED_PAYLOAD_FIELD]: 'unauthenticated payload' } as const;

export const isRefusedPayload = (v: unknown): boolean => typeof v === 'object' && v !== null && REFUSED_PAYLOAD_FIELD in v;

/** True when any of the values (workflow or activity arguments) is the refused marker. */
export const anyRefusedPayload = (values: readonly unknown[]): boolean => values.some(isRefusedPayload);

export const REFUSED_PAYLOAD_MESSAGE = 'refused: the payload is not authenticated by Custodian (sent without the payload key, altered, or copied from another workflow)';

/**
 * Replay protection of Updates (the API stamps every Update it sends): an encrypted Update copied from
 * history and sent again under a new update id carries an old `sentAt` and a nonce the workflow has seen.
 */
export interface UpdateStamp {
  /** ISO time the API sent the Update. */
  sentAt: string;
  /** A fresh UUID per Update sent. */
  nonce: string;
}

/** How far `sentAt` may be from workflow time (either way: clock skew between API and Temporal). */
export const UPDATE_STAMP_WINDOW_MS = 5 * 60_000;
