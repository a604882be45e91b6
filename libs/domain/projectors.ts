import { ProjectorRegistry, type Projector } from './events/projector.js';

/** Every read model of the domain. Order matters for rebuilds only through each projector's table list. */
export const allProjectors: Projector[] = [];

export function createProjectorRegistry(): ProjectorRegistry {
  return new ProjectorRegistry(allProjectors);
}
