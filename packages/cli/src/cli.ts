import { reportError } from './errors';
import { EXIT, type CliCommand, type CliIO } from './io';
import { workflowSafeIO } from './safe-io';

/** `shipshape --help`: every subcommand with its one-line summary. */
export function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: shipshape <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'shipshape <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 check failed (or the command could not finish), 2 usage or configuration error.',
    '',
  ].join('\n');
}

function unknownCommand(name: string, commands: readonly CliCommand[], io: CliIO): number {
  io.stderr(`shipshape: unknown command ${JSON.stringify(name)}\n\n${usage(commands)}`);
  return EXIT.usage;
}

/**
 * Dispatches argv to one subcommand. A command reports its own errors (see defineCommand); anything that still
 * escapes is printed the same way, `shipshape <command>: <message>`, never as a stack trace.
 */
export async function runCli(
  argv: readonly string[],
  rawIO: CliIO,
  commands: readonly CliCommand[],
  version = '0.0.0',
): Promise<number> {
  const io = workflowSafeIO(rawIO);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const wanted = name === 'help' ? rest[0] : undefined;
    const topic = wanted === undefined ? undefined : commands.find((c) => c.name === wanted);
    if (wanted !== undefined && !topic) return unknownCommand(wanted, commands, io);
    (name === undefined ? io.stderr : io.stdout)(topic ? `${topic.help}\n` : usage(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return unknownCommand(name, commands, io);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportError(name, error, io);
  }
}
