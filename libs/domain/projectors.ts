import { accessProjector } from './access/access.js';
import { assessmentProjector } from './assessment/projector.js';
import { accountChangesProjector } from './directory/account-changes.js';
import { enforcementProjector } from './access/enforcement.js';
import { webhooksProjector } from './access/webhooks.js';
import { agentIdsProjector } from './agent-ids/projector.js';
import { authProjector } from './accounts/projector.js';
import { calendarProjector } from './calendar/projector.js';
import { dutiesProjector } from './duties/projector.js';
import { hazardsProjector } from './hazards/projector.js';
import { directoryProjector } from './directory/projector.js';
import { ProjectorRegistry, type Projector } from './events/projector.js';
import { notificationsProjector } from './notifications/notifications.js';
import { mailProjector } from './mail/mail.js';
import { decisionLinksProjector } from './mail/decision-links.js';
import { agreementsProjector } from './onboarding/agreements.js';
import { rulesAcknowledgementsProjector } from './onboarding/rules-acknowledgements.js';
import { ipPlanProjector } from './onboarding/ip-plan.js';
import { processesProjector } from './processes/processes.js';
import { returnItemsProjector } from './returns/return-items.js';
import { responsibilitiesProjector } from './responsibilities/projector.js';
import { computersProjector } from './computers/projector.js';
import { mediaProjector } from './media/projector.js';
import { tasksProjector } from './tasks/projector.js';
import { visitorsProjector } from './visitors/projector.js';

/** Every read model of the domain. Order matters for rebuilds only through each projector's table list. */
export const allProjectors: Projector[] = [
  directoryProjector,
  agentIdsProjector,
  authProjector,
  // Written by the workflows: tasks, notifications, process timelines, access, returns, onboarding records.
  tasksProjector,
  notificationsProjector,
  processesProjector,
  accessProjector,
  enforcementProjector,
  webhooksProjector,
  returnItemsProjector,
  agreementsProjector,
  ipPlanProjector,
  accountChangesProjector,
  calendarProjector,
  dutiesProjector,
  visitorsProjector,
  mailProjector,
  hazardsProjector,
  responsibilitiesProjector,
  rulesAcknowledgementsProjector,
  computersProjector,
  decisionLinksProjector,
  mediaProjector,
  // After the directory and the tasks: an item takes its department from the directory at the task's events.
  assessmentProjector,
];

export function createProjectorRegistry(): ProjectorRegistry {
  return new ProjectorRegistry(allProjectors);
}
