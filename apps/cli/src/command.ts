import type { ProjectorRegistry } from '../../../libs/domain/events/projector.js';

/** Exit statuses of the CLI: scripts and CI rely on them. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (a broken chain), or failed. */
  failed: 1,
  /** Unknown command or bad arguments. */
  usage: 2,
  /** Configuration missing or invalid (EX_CONFIG, like the other entry points). */
  config: 78,
} as const;

export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** Results, one line each (stdout). */
  out: (line: string) => void;
  /** Progress and errors (stderr), so stdout stays parseable (e.g. `audit:verify --json`). */
  err: (line: string) => void;
  /** Every registered command, for `help`. */
  commands: readonly Command[];
  /** The read models to rebuild; tests add their own projectors. */
  projectors: () => ProjectorRegistry;
}

/**
 * One CLI command. To add one, write `commands/<name>.ts` exporting a Command and list it in
 * `commands/index.ts`; `help` picks it up.
 */
export interface Command {
  /** As typed: `npm run cli -- <name>`; namespaced with a colon (`audit:verify`, `seed:demo`). */
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Arguments after the name, for `help` (e.g. `[--json]`). */
  usage?: string;
  /** Returns the exit status. Throw CliError for expected failures, anything else is a bug. */
  run: (ctx: CliContext, args: string[]) => Promise<number>;
}

/** An expected failure: printed without a stack trace, exits with its status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Refuses arguments a command does not know, rather than silently ignoring a typo. */
export function parseFlags(args: string[], known: readonly string[]): Set<string> {
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length) throw new CliError(`unknown argument(s): ${unknown.join(' ')}${known.length ? ` (known: ${known.join(' ')})` : ''}`, EXIT.usage);
  return new Set(args);
}
