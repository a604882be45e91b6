import type { Role } from '../../libs/auth/roles.js';
import type { TestApi } from './api.js';

/**
 * Request headers that authenticate a caller holding `role` on the test API. HTTP tests take their
 * headers from here only, so when the global auth guard lands, logging in (creating a user with the
 * role and calling POST /api/auth/login) is a change to this one function.
 *
 * Until then routes are not guarded and no header is needed.
 */
export async function roleHeaders(_api: TestApi, _role: Role): Promise<Record<string, string>> {
  return {};
}
