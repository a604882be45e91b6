import 'reflect-metadata';
import { runCli } from './cli.js';

/** `npm run cli -- <command>`: operator commands (migrations, audit chain check, read-model rebuild). */
process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
