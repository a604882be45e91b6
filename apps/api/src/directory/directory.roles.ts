import { AUTHORIZATION } from '../../../../libs/policy/authorization.js';

/** Who reads the whole directory (libs/policy/authorization.ts): a supervisor sees their departments, anyone else their own records. */
export const DIRECTORY_READERS = AUTHORIZATION.directory.readAll;
