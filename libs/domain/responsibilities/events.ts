import type { ResponsibilityKind } from '../../policy/responsibilities.js';
import type { LocalizedText } from '../../policy/text.js';

/** Every change to the named owners register (EQ-1, EQ-3, INF-9) is an event on `responsibility:<key>`. */
export const ResponsibilityEvent = {
  Assigned: 'responsibility.assigned',
} as const;

/** The responsibility now has this owner and deputy (and this name), replacing what it had. */
export interface ResponsibilityAssigned {
  key: string;
  kind: ResponsibilityKind;
  name: LocalizedText;
  ownerUserId: string;
  deputyUserId: string;
}
