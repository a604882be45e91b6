import { SetMetadata } from '@nestjs/common';

export const ALLOW_ONE_TIME_PASSWORD = 'custodian:allow-one-time-password';
/**
 * INF-10: an account whose password was set by someone else (HR, a reset) may only read its own profile
 * and set its own password; every other route answers 403 until it has. A route marked with this is one
 * of those few.
 */
export const AllowWithOneTimePassword = () => SetMetadata(ALLOW_ONE_TIME_PASSWORD, true);
