import { neutralizeWorkflowCommands } from '@shipshape/kit';
import type { CliIO } from './io';

/**
 * In a GitHub Actions step the runner reads every line a step prints as a possible workflow command (`::` at the
 * start, `##[` anywhere: actions/runner ActionCommand.cs). Every subcommand prints text it did not write (changelog
 * sections, PR bodies, release notes, file names), so under GITHUB_ACTIONS=true all of its output goes through
 * neutralizeWorkflowCommands; elsewhere it is printed verbatim. Wrapping twice changes nothing: a neutralized line no
 * longer reads as a command.
 */
export function workflowSafeIO(io: CliIO): CliIO {
  if (io.env.GITHUB_ACTIONS !== 'true') return io;
  return {
    ...io,
    stdout: (text) => io.stdout(neutralizeWorkflowCommands(text)),
    stderr: (text) => io.stderr(neutralizeWorkflowCommands(text)),
  };
}
