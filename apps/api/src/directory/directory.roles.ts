import type { Role } from '../../../../libs/policy/roles.js';

/** Who manages the directory (departments, people, accounts). */
export const DIRECTORY_MANAGERS = ['hr', 'cc_manager'] as const satisfies readonly Role[];
/**
 * Who reads the whole directory. The auditor reads everything; id_admin issues agent IDs to any
 * employee. A supervisor sees their department, anyone else only their own records.
 */
export const DIRECTORY_READERS = ['hr', 'cc_manager', 'auditor', 'id_admin'] as const satisfies readonly Role[];
