import { createProjectorRegistry } from '../../../libs/domain/projectors.js';
import { CliError, EXIT, type CliContext, type Command } from './command.js';
import { commands as registered } from './commands/index.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs one command and returns the exit status; main.ts wires it to the process, tests call it directly. */
export async function runCli(argv: string[], io: CliIo, overrides: Partial<Pick<CliContext, 'projectors' | 'commands'>> = {}): Promise<number> {
  const ctx: CliContext = { ...io, commands: registered, projectors: createProjectorRegistry, ...overrides };
  const [given = 'help', ...args] = argv;
  const name = given === '--help' || given === '-h' ? 'help' : given;
  const command: Command | undefined = ctx.commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}". Known: ${ctx.commands.map((c) => c.name).join(', ')}. Try: npm run cli -- help`);
    return EXIT.usage;
  }
  try {
    return await command.run(ctx, args);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`[${command.name}] ${e.message}`);
      return e.exitCode;
    }
    io.err(`[${command.name}] failed: ${(e as Error).stack ?? String(e)}`);
    return EXIT.failed;
  }
}
