import type { Command } from '../command.js';
import { auditVerifyCommand } from './audit-verify.js';
import { helpCommand } from './help.js';
import { migrateCommand } from './migrate.js';
import { projectionsRebuildCommand } from './projections-rebuild.js';
import { seedDemoCommand } from './seed-demo.js';
import { userCreateCommand } from './user-create.js';

/** Every CLI command, in the order `help` lists them. Add new ones here. */
export const commands: readonly Command[] = [migrateCommand, auditVerifyCommand, projectionsRebuildCommand, userCreateCommand, seedDemoCommand, helpCommand];
