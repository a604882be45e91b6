import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { DECISION_LINK_LONGEST_MS, DECISION_TOKEN_PATTERN, decisionLinkGone } from '../../policy/decision-links.js';
import { command } from '../command.js';
import type { UnitOfWork } from '../events/event-store.js';
import type { Projector } from '../events/projector.js';

/**
 * Decision links (libs/policy/decision-links.ts): one per task mail to one person. The link row is a
 * read model of two events; the token `<linkId>.<HMAC-SHA256(DECISION_LINK_SECRET, linkId)>` is computed
 * by the send activity when the mail leaves, so no table, event, log line or workflow history holds a
 * usable token: only the id, which is worthless without the secret.
 */
export const DecisionLinkEvents = {
  issued: 'decision_link.issued',
  redeemed: 'decision_link.redeemed',
} as const;

export interface DecisionLinkIssued {
  linkId: string;
  outboxId: string;
  taskId: string;
  userId: string;
  /** The task's deadline; null: DECISION_LINK_LONGEST_MS after issue. */
  expiresAt: string | null;
}
export interface DecisionLinkRedeemed {
  linkId: string;
  taskId: string;
  userId: string;
}

export const decisionLinkSubject = (linkId: string) => `decision-link:${linkId}`;

/** The link of one outbox row: the same on a retried command and on a rebuild (a UUID v8, like outbox ids). */
export function decisionLinkIdOf(outboxId: string): string {
  const h = createHash('sha256').update(`decision-link\n${outboxId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Inside queueMail's transaction: the link for one task mail. */
export async function issueDecisionLink(uow: UnitOfWork, i: Omit<DecisionLinkIssued, 'linkId'>): Promise<void> {
  const linkId = decisionLinkIdOf(i.outboxId);
  await uow.emit<DecisionLinkIssued>({ subject: decisionLinkSubject(linkId), type: DecisionLinkEvents.issued, payload: { linkId, ...i }, clauses: [] });
}

const mac = (secret: string, linkId: string): Buffer => createHmac('sha256', secret).update(`decision-link\n${linkId}`).digest();

/** The token a mail carries. */
export const signDecisionToken = (secret: string, linkId: string): string => `${linkId}.${mac(secret, linkId).toString('base64url')}`;

/**
 * The link id of a token whose signature is ours, else null. The comparison takes the same time however
 * much of the signature matches (timingSafeEqual on equal lengths: the pattern fixes the length).
 */
export function verifyDecisionToken(secret: string, token: string): string | null {
  if (!DECISION_TOKEN_PATTERN.test(token)) return null;
  const [linkId, sig] = token.split('.') as [string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(secret, linkId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? linkId : null;
}

/**
 * Marks a link used, once: the row is locked, so of two redeems at once one wins and the other is told
 * the link is used (410). The caller has checked the person and the task; this re-checks only what a
 * concurrent redeem can change.
 */
export const redeemDecisionLink = command(async (uow, i: DecisionLinkRedeemed): Promise<{ taskId: string }> => {
  const [row]: { used_at: Date | null }[] = await uow.manager.query(`SELECT used_at FROM decision_links WHERE id = $1 AND user_id = $2 FOR UPDATE`, [i.linkId, i.userId]);
  if (!row || row.used_at) throw decisionLinkGone('used');
  await uow.emit<DecisionLinkRedeemed>({ subject: decisionLinkSubject(i.linkId), type: DecisionLinkEvents.redeemed, payload: i, clauses: [] });
  return { taskId: i.taskId };
}, { actor: (i) => i.userId });

export const decisionLinksProjector: Projector = {
  name: 'decision-links',
  tables: ['decision_links'],
  handlers: {
    [DecisionLinkEvents.issued]: async (m, e) => {
      const p = e.payload as DecisionLinkIssued;
      const expires = p.expiresAt ?? new Date(new Date(e.occurredAt).getTime() + DECISION_LINK_LONGEST_MS).toISOString();
      await m.query(`INSERT INTO decision_links (id, outbox_id, task_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [p.linkId, p.outboxId, p.taskId, p.userId, e.occurredAt, expires]);
    },
    [DecisionLinkEvents.redeemed]: async (m, e) => {
      const p = e.payload as DecisionLinkRedeemed;
      await m.query(`UPDATE decision_links SET used_at = $2 WHERE id = $1`, [p.linkId, e.occurredAt]);
    },
  },
};
