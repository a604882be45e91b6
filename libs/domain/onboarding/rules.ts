import type { AgreementRef, LocalizedText } from '../../policy/index.js';
import { agreementHash } from './agreement.js';

/**
 * The behavioural rules every employee acknowledges at onboarding and again every year (EQ-5, SYS-3,
 * SYS-4, AID-1). Like the agreement (INF-10), a new text gets a new version, and each acknowledgement
 * stores the version and the SHA-256 of the text it covered.
 */
const TEXTS: Record<string, LocalizedText> = {
  '2026-01': {
    en: [
      'Rules I follow at work (EQ-5, SYS-3, SYS-4, AID-1).',
      'EQ-5: no food or drink in the machine room; no smoking anywhere on the premises; nothing flammable or explosive in the machine room.',
      'SYS-3: I spread nothing unrelated to work on the network: no rumours, nothing harmful to the company.',
      'SYS-4: I do not open unknown attachments, and I delete unfamiliar email directly.',
      'AID-1: my agent ID is mine alone: I never lend or swap it; the outbound system is for work conversations only; I never disclose the customer data it shows.',
    ].join('\n'),
    zh: [
      '工作守则（EQ-5、SYS-3、SYS-4、AID-1）。',
      'EQ-5：机房内禁止饮食；公司范围内禁止吸烟；机房内禁止存放易燃易爆物品。',
      'SYS-3：不在网络上传播与工作无关的内容，不传播谣言及有损公司的内容。',
      'SYS-4：不打开来历不明的附件，陌生邮件直接删除。',
      'AID-1：本人工号仅限本人使用，不外借、不互换；外呼系统只用于工作通话；不泄露系统显示的客户资料。',
    ].join('\n'),
  },
};

export const CURRENT_RULES_VERSION = '2026-01';

export function rulesText(version: string): LocalizedText | null {
  return TEXTS[version] ?? null;
}

/** The version and hash the next acknowledgement asks for. */
export function currentRules(): AgreementRef {
  return { version: CURRENT_RULES_VERSION, textHash: agreementHash(TEXTS[CURRENT_RULES_VERSION]) };
}
