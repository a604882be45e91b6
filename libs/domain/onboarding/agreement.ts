import { createHash } from 'node:crypto';
import type { AgreementRef, LocalizedText } from '../../policy/index.js';
import { canonicalJson } from '../events/canonical.js';

/**
 * The confidentiality and non-compete agreement every employee signs before starting work (INF-10),
 * restating the duties of INF-11. A new text gets a new version; running onboardings keep the version
 * they started with, and each signature stores the version and the SHA-256 of the text it covered.
 */
const TEXTS: Record<string, LocalizedText> = {
  '2026-01': {
    en: [
      'Confidentiality and non-compete agreement (INF-10).',
      'I will not disclose operating figures or statistics, work procedures and rules, or marketing plans before their release.',
      'I will not disclose customer data, and I hand in the notes I write during work every day before leaving.',
      'No original or copy of any material leaves the workplace; when I leave the company I return every related material.',
      'I will not change customer data without authorisation.',
      'I am liable for losses caused by breaking this agreement.',
    ].join('\n'),
    zh: [
      '保密及竞业限制协议（INF-10）。',
      '本人不泄露经营数据或统计资料、工作流程与规章，不提前泄露营销方案。',
      '本人不泄露客户资料，并于每日下班前上交工作中所记笔记。',
      '任何资料的原件或复印件不得带离工作场所；离职时归还全部相关资料。',
      '本人不擅自更改客户资料。',
      '因违反本协议造成的损失，本人承担赔偿责任。',
    ].join('\n'),
  },
};

export const CURRENT_AGREEMENT_VERSION = '2026-01';

export const agreementHash = (text: LocalizedText): string => createHash('sha256').update(canonicalJson(text)).digest('hex');

export function agreementText(version: string): LocalizedText | null {
  return TEXTS[version] ?? null;
}

/** The version and hash a new onboarding asks the employee to sign. */
export function currentAgreement(): AgreementRef {
  return { version: CURRENT_AGREEMENT_VERSION, textHash: agreementHash(TEXTS[CURRENT_AGREEMENT_VERSION]) };
}
