#!/usr/bin/env node
import { runCli } from './cli';
import { allCommands } from './commands';
import manifest from '../package.json' with { type: 'json' };

/** One question at the terminal (shipshape init asks for what its flags did not give). */
async function ask(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    ask: process.stdin.isTTY ? ask : undefined,
  },
  allCommands,
  manifest.version,
);
process.exitCode = code;
