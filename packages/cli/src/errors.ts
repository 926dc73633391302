import { InputError, ShipshapeError, messageOf } from '@shipshape/kit';
import { EXIT, type CliIO } from './io';

/** The arguments are wrong (unknown option, missing or bad value): exit 2, with a pointer to the command's help. */
export class UsageError extends ShipshapeError {}

/** The command ran and the answer is no, or the service refused (Slack, a file that is not there): exit 1. */
export class CommandFailed extends ShipshapeError {}

/**
 * Prints one error the one way every subcommand does — `shipshape <command>: <message>` on stderr, never a stack
 * trace — and returns its exit code: 2 for usage and configuration errors (with a hint to `--help` when the arguments
 * are at fault), 1 for failures, including ones nobody anticipated.
 *
 * An action's InputError names the input (`Input 'quorum' is invalid…`); where the command has a flag of that name,
 * the message names the flag instead, as the user typed it.
 */
export function reportError(
  command: string,
  error: unknown,
  io: CliIO,
  flags: ReadonlySet<string> = new Set(),
): number {
  const prefix = command === '' ? 'shipshape' : `shipshape ${command}`;
  const hint = `Run 'shipshape ${command === '' ? '' : `${command} `}--help' for usage.\n`;
  if (error instanceof UsageError) {
    io.stderr(`${prefix}: ${error.message}\n${hint}`);
    return EXIT.usage;
  }
  if (error instanceof InputError) {
    const message = flags.has(error.input)
      ? error.message.replace(`Input '${error.input}'`, `--${error.input}`)
      : error.message;
    io.stderr(`${prefix}: ${message}\n${hint}`);
    return EXIT.usage;
  }
  if (error instanceof CommandFailed) {
    io.stderr(`${prefix}: ${error.message}\n`);
    return EXIT.checkFailed;
  }
  if (error instanceof ShipshapeError) {
    io.stderr(`${prefix}: ${error.message}\n`);
    return EXIT.usage;
  }
  io.stderr(`${prefix}: unexpected error: ${messageOf(error)}\n`);
  return EXIT.checkFailed;
}
