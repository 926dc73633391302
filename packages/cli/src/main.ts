#!/usr/bin/env node
import { runCli } from './cli';
import { allCommands } from './commands';
import manifest from '../package.json' with { type: 'json' };

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  },
  allCommands,
  manifest.version,
);
process.exitCode = code;
