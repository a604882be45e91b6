import { parseArgs } from 'node:util';
import { isRole, type Role } from '../../../../libs/policy/roles.js';
import { loadConfig } from '../../../../libs/config/config.js';
import { createUser } from '../../../../libs/domain/directory/users.js';
import { DomainError } from '../../../../libs/policy/errors.js';
import { EventStore } from '../../../../libs/domain/events/event-store.js';
import { CliError, EXIT, type Command } from '../command.js';
import { withDatabase } from '../database.js';

/**
 * Creates a user from the command line: how a production deployment (no demo accounts) gets its first
 * HR / call-center-manager account. The password comes from the environment (CUSTODIAN_PASSWORD), never
 * from the arguments, so it stays out of shell history and process listings.
 */
export const userCreateCommand: Command = {
  name: 'user:create',
  summary: 'Create a user with roles (the first administrator of a deployment); password from CUSTODIAN_PASSWORD.',
  usage: '--username <name> --display-name <text> --role <role> [--role <role> …]',
  async run(ctx, args) {
    let values: { username?: string; 'display-name'?: string; role?: string[] };
    try {
      ({ values } = parseArgs({ args, options: { username: { type: 'string' }, 'display-name': { type: 'string' }, role: { type: 'string', multiple: true } }, strict: true }));
    } catch (e) {
      throw new CliError((e as Error).message, EXIT.usage);
    }
    const roles = values.role ?? [];
    const bad = roles.filter((r) => !isRole(r));
    if (!values.username || !values['display-name'] || roles.length === 0 || bad.length) {
      throw new CliError(`usage: user:create ${this.usage}${bad.length ? `\nunknown role(s): ${bad.join(', ')}` : ''}`, EXIT.usage);
    }
    const password = ctx.env.CUSTODIAN_PASSWORD;
    if (!password) throw new CliError('set CUSTODIAN_PASSWORD in the environment to the new user\'s first password (at least 12 characters, not the username, not a common password; they replace it at first sign-in)', EXIT.usage);
    const timeZone = loadConfig(ctx.env).DEFAULT_TIME_ZONE;
    const { id } = await withDatabase(ctx, async (ds) => {
      try {
        return await createUser(new EventStore(ds, ctx.projectors()), { actor: { id: 'system:cli' } }, {
          username: values.username!,
          displayName: values['display-name']!,
          roles: roles as Role[],
          password,
          timeZone,
        });
      } catch (e) {
        if (e instanceof DomainError) throw new CliError(e.message);
        throw e;
      }
    });
    ctx.out(`[user] created ${values.username} (${roles.join(', ')}) id ${id}`);
    return EXIT.ok;
  },
};
