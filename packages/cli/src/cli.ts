import { ShipshapeError, messageOf, neutralizeWorkflowCommands } from '@shipshape/kit';
import { EXIT, type CliCommand, type CliIO } from './io';

export function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: shipshape <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'shipshape <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 check failed, 2 usage or configuration error.',
    '',
  ].join('\n');
}

/**
 * In a GitHub Actions step the runner reads every line a step prints as a possible workflow command (`::` at the
 * start, `##[` anywhere: actions/runner ActionCommand.cs). Every subcommand prints text it did not write (changelog
 * sections, PR bodies, release notes, file names), so under GITHUB_ACTIONS=true all of its output goes through
 * neutralizeWorkflowCommands; elsewhere it is printed verbatim.
 */
export function workflowSafeIO(io: CliIO): CliIO {
  if (io.env.GITHUB_ACTIONS !== 'true') return io;
  return {
    ...io,
    stdout: (text) => io.stdout(neutralizeWorkflowCommands(text)),
    stderr: (text) => io.stderr(neutralizeWorkflowCommands(text)),
  };
}

/**
 * Dispatches argv to one subcommand. Errors a command throws become exit 2 with one readable line
 * (usage and configuration problems); anything unexpected is also exit 2, never a stack trace.
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
    if (wanted !== undefined && !topic) {
      io.stderr(`shipshape: unknown command '${wanted}'.\n\n${usage(commands)}`);
      return EXIT.usage;
    }
    (name === undefined ? io.stderr : io.stdout)(topic ? `${topic.help}\n` : usage(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`shipshape: unknown command '${name}'.\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = messageOf(error);
    io.stderr(`shipshape ${name}: ${error instanceof ShipshapeError ? message : `unexpected error: ${message}`}\n`);
    return EXIT.usage;
  }
}
