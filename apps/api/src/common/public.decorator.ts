import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'custodian:public';
/** Marks one of the few routes open without a token (health, login, docs). Everything else is denied by default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
