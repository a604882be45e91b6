import { agentIdsProjector } from './agent-ids/agent-ids.projector.js';
import { authProjector } from './auth/auth.projector.js';
import { directoryProjector } from './directory/directory.projector.js';
import { ProjectorRegistry, type Projector } from './events/projector.js';

/** Every read model of the domain. Order matters for rebuilds only through each projector's table list. */
export const allProjectors: Projector[] = [directoryProjector, agentIdsProjector, authProjector];

export function createProjectorRegistry(): ProjectorRegistry {
  return new ProjectorRegistry(allProjectors);
}
