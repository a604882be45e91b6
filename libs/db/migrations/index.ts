import { EventLog1764000000000 } from './1764000000000-EventLog.js';
import { EventLogChainGuard1764000000050 } from './1764000000050-EventLogChainGuard.js';
import { Directory1764100000000 } from './1764100000000-Directory.js';
import { AgentIds1764100000001 } from './1764100000001-AgentIds.js';
import { TasksAndProcesses1764300000000 } from './1764300000000-TasksAndProcesses.js';
import { AccessAndReturns1764300000001 } from './1764300000001-AccessAndReturns.js';
import { NotificationReads1764400000000 } from './1764400000000-NotificationReads.js';
import { GrantEndComment1764500000000 } from './1764500000000-GrantEndComment.js';
import { TaskEscalationIndex1764500000001 } from './1764500000001-TaskEscalationIndex.js';
import { AccountChanges1764600000010 } from './1764600000010-AccountChanges.js';
import { AccountSecurity1764600000300 } from './1764600000300-AccountSecurity.js';
import { ProcessStartQuota1764610000000 } from './1764610000000-ProcessStartQuota.js';
import { GrantEnforcement1764700000000 } from './1764700000000-GrantEnforcement.js';
import { GrantWebhooks1764800000000 } from './1764800000000-GrantWebhooks.js';
import { EventClauses1764900000000 } from './1764900000000-EventClauses.js';
import { InboxCoveringIndex1764900000100 } from './1764900000100-InboxCoveringIndex.js';
import { CalendarDays1765000000000 } from './1765000000000-CalendarDays.js';
import { DutyOccurrences1765100000000 } from './1765100000000-DutyOccurrences.js';
import { DutyOccurrencesOpenIndex1765200000000 } from './1765200000000-DutyOccurrencesOpenIndex.js';
import { MailNotifications1765300000000 } from './1765300000000-MailNotifications.js';
import { ChatDeliveries1765300000100 } from './1765300000100-ChatDeliveries.js';
import { Visitors1765400000000 } from './1765400000000-Visitors.js';
import { QuarantinedReturns1765500000000 } from './1765500000000-QuarantinedReturns.js';
import { Responsibilities1765500000100 } from './1765500000100-Responsibilities.js';
import { HandoverTasks1765500000200 } from './1765500000200-HandoverTasks.js';
import { RulesAcknowledgements1765500000300 } from './1765500000300-RulesAcknowledgements.js';
import { Computers1765500000400 } from './1765500000400-Computers.js';
import { DutyDefinitions1765600000000 } from './1765600000000-DutyDefinitions.js';
import { TaskKindsUnion1765700000000 } from './1765700000000-TaskKindsUnion.js';
import { MediaLending1765810000000 } from './1765810000000-MediaLending.js';
import { AccessRequestComputer1765810000100 } from './1765810000100-AccessRequestComputer.js';
import { ComputerLocksCheckKind1765810000200 } from './1765810000200-ComputerLocksCheckKind.js';
import { VisitorRestRoom1765700000100 } from './1765700000100-VisitorRestRoom.js';
import { AssessmentItems1765800000000 } from './1765800000000-AssessmentItems.js';
import { DecisionLinks1765820000000 } from './1765820000000-DecisionLinks.js';
import { QuarantineReviewKind1765840000000 } from './1765840000000-QuarantineReviewKind.js';
import { InboxCountByScope1765850000000 } from './1765850000000-InboxCountByScope.js';
/** Every migration in order. Listed explicitly: globs do not survive ESM, bundling or ts sources alike. */
export const migrations = [
  EventLog1764000000000,
  EventLogChainGuard1764000000050,
  Directory1764100000000,
  AgentIds1764100000001,
  TasksAndProcesses1764300000000,
  AccessAndReturns1764300000001,
  NotificationReads1764400000000,
  GrantEndComment1764500000000,
  TaskEscalationIndex1764500000001,
  AccountChanges1764600000010,
  AccountSecurity1764600000300,
  ProcessStartQuota1764610000000,
  GrantEnforcement1764700000000,
  GrantWebhooks1764800000000,
  EventClauses1764900000000,
  InboxCoveringIndex1764900000100,
  CalendarDays1765000000000,
  DutyOccurrences1765100000000,
  DutyOccurrencesOpenIndex1765200000000,
  MailNotifications1765300000000,
  ChatDeliveries1765300000100,
  Visitors1765400000000,
  QuarantinedReturns1765500000000,
  Responsibilities1765500000100,
  HandoverTasks1765500000200,
  RulesAcknowledgements1765500000300,
  Computers1765500000400,
  DutyDefinitions1765600000000,
  TaskKindsUnion1765700000000,
  VisitorRestRoom1765700000100,
  AssessmentItems1765800000000,
  MediaLending1765810000000,
  AccessRequestComputer1765810000100,
  ComputerLocksCheckKind1765810000200,
  DecisionLinks1765820000000,
  QuarantineReviewKind1765840000000,
  InboxCountByScope1765850000000,
];
