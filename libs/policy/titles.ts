import { text, type LocalizedText } from './text.js';

/**
 * Titles of the tasks and notifications the processes create, in both languages. Each leads with the
 * clause it serves, so an inbox item and an audit entry both name their rule.
 */
export const TITLES = {
  agreement: text('INF-10: Sign the confidentiality and non-compete agreement', 'INF-10：签署保密及竞业限制协议'),
  itSetup: text('INF-7: Set up email and network-drive accounts and the workstation IP', 'INF-7：开通邮箱、网盘账号并配置工位 IP'),
  fireSafety: text('EQ-3: Acknowledge the fire-safety briefing', 'EQ-3：确认已接受消防安全培训'),
  returnItem: (label: LocalizedText) => text(`INF-13: Check the return of ${label.en}`, `INF-13：核收归还物品：${label.zh}`),
  virusCheck: (label: string) => text(`INF-6: Virus-check the returned machine-room disk "${label}"`, `INF-6：对归还的机房磁盘“${label}”进行病毒检查`),
  rulesAcknowledgement: text('EQ-5, SYS-3, SYS-4, AID-1: Read and acknowledge the rules (yearly)', 'EQ-5、SYS-3、SYS-4、AID-1：阅读并确认工作守则（每年）'),
  handOverResponsibilities: text('EQ-1, INF-9: Hand on the leaver\'s responsibilities in the owners register', 'EQ-1、INF-9：在职责登记中移交离职人员的职责'),
  quarantineDisposal: (label: string) => text(`INF-6: Clean or destroy the infected returned disk "${label}" (quarantined)`, `INF-6：清除或销毁已隔离的感染磁盘“${label}”`),
  quarantined: (label: string) => text(`INF-6: A returned machine-room disk "${label}" is infected and quarantined`, `INF-6：归还的机房磁盘“${label}”感染病毒，已隔离`),
  quarantinedBody: text('It is not counted as returned. IT cleans or destroys it and records which; until then the offboarding stays open.', '该磁盘不计为已归还。由 IT 清除或销毁并登记处理方式；在此之前离职流程保持未完成。'),
  quarantineReview: (label: string) => text(`INF-6: Security review of the quarantined disk "${label}": where it is held, its seal`, `INF-6：安保复核已隔离的感染磁盘“${label}”：存放位置及封条`),
  mediaQuarantineReview: (label: string) => text(`INF-6: Security review of the quarantined medium "${label}": where it is held, its seal`, `INF-6：安保复核已隔离的感染介质“${label}”：存放位置及封条`),
  quarantinedReviewBody: text('It is not counted as returned. IT cleans or destroys it and records which; security records where it is held and its seal; until both are done the offboarding stays open.', '该磁盘不计为已归还。由 IT 清除或销毁并登记处理方式，由安保登记存放位置及封条；两项完成前离职流程保持未完成。'),
  quarantinedLoanReviewBody: text('It is not counted as returned. IT cleans or destroys it and records which; security records where it is held and its seal; until both are done the loan stays open.', '该介质不计为已归还。由 IT 清除或销毁并登记处理方式，由安保登记存放位置及封条；两项完成前借用记录保持未结。'),
  mediaVirusCheck: (label: string) => text(`INF-6: Virus-check the returned machine-room medium "${label}"`, `INF-6：对归还的机房介质“${label}”进行病毒检查`),
  mediaQuarantineDisposal: (label: string) => text(`INF-6: Clean or destroy the infected returned medium "${label}" (quarantined)`, `INF-6：清除或销毁已隔离的感染介质“${label}”`),
  mediaQuarantined: (label: string) => text(`INF-6: A returned machine-room medium "${label}" is infected and quarantined`, `INF-6：归还的机房介质“${label}”感染病毒，已隔离`),
  quarantinedLoanBody: text('It is not counted as returned. IT cleans or destroys it and records which; until then the loan stays open.', '该介质不计为已归还。由 IT 清除或销毁并登记处理方式；在此之前借用记录保持未结。'),
  mediaOverdue: (label: string) => text(`INF-6: The lent machine-room medium "${label}" is overdue`, `INF-6：借出的机房介质“${label}”已逾期未还`),
  mediaOverdueBody: text('Its due time has passed. Bring it back to the machine room, where it is virus-checked before it is received.', '已超过归还期限。请交回机房，经病毒检查后方可入库。'),
  missingSignoff: (label: string) => text(`INF-13: Sign off the missing item "${label}"`, `INF-13：签认缺失物品“${label}”`),
  overdue: (t: LocalizedText) => text(`Overdue: ${t.en}`, `已逾期：${t.zh}`),
  overdueBody: text('This task has passed its due time and has been escalated.', '该任务已超过期限，已上报。'),
  accessApproved: text('Your access request was approved and is now active', '您的访问申请已批准并生效'),
  accessRejected: text('Your access request was not approved', '您的访问申请未获批准'),
  accessEnded: text('Your access has ended', '您的访问权限已结束'),
  accessExpiring: text('Your access expires soon', '您的访问权限即将到期'),
  accessExpiringBody: text('Ask for an extension before it expires if you still need it.', '如仍需使用，请在到期前申请延期。'),
  extensionDecided: text('Your extension request was decided', '您的延期申请已有结果'),
  onboardingCancelled: text('INF-10: Onboarding cancelled: the agreement was not signed in time', 'INF-10：入职已取消：协议未按时签署'),
  accountChange: text('INF-9: Approve an account change (four eyes)', 'INF-9：审批账号变更（双人复核）'),
  accountChangeDone: text('Your account change request was decided', '您的账号变更申请已有结果'),
  offboardingDone: text('INF-13: Offboarding complete: every item settled, agent ID retired', 'INF-13：离职完成：物品已全部核清，工号已注销'),
  /** SYS-1, INF-6, AID-2: a grant of a kind no connector reaches has ended; IT switches it off by hand. */
  disableAccess: {
    external_network: text('SYS-1: Disable external network access: the grant has ended', 'SYS-1：关闭外网访问：授权已结束'),
    usb_media: text('INF-6: Lock USB / removable media again: the unlock has ended', 'INF-6：重新锁定 USB/移动介质：解锁已结束'),
    special_agent_id: text('AID-2: Withdraw the privileged agent ID: its use has ended', 'AID-2：收回特权工号：使用期限已结束'),
  },
  disableItAccounts: text('INF-7: Disable the email and network-drive accounts of a leaver', 'INF-7：停用离职人员的邮箱和网盘账号'),
} as const;
