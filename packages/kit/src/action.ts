import { ShipshapeError, messageOf } from './errors';
import { breakLegacyCommands, neutralizeWorkflowCommands } from './safe-text';
import type { AnnotationProperties, Logger } from './ports';
import * as protocol from './runner-protocol';

/**
 * The runner-facing half of the kit. Every plain log line goes through neutralizeWorkflowCommands, so
 * untrusted text that reaches a message cannot start a workflow command; annotation and debug messages are
 * command data, escaped by formatCommand (no line breaks survive).
 */
const annotation =
  (level: 'error' | 'warning' | 'notice') =>
  (message: string, properties: AnnotationProperties = {}) =>
    protocol.issueCommand(
      level,
      { title: properties.title, file: properties.file, line: properties.startLine },
      breakLegacyCommands(message),
    );

export const runnerLogger: Logger = {
  debug: (message) => protocol.issueCommand('debug', {}, breakLegacyCommands(message)),
  info: (message) => protocol.writeLog(`${neutralizeWorkflowCommands(message)}\n`),
  warning: annotation('warning'),
  error: annotation('error'),
  notice: annotation('notice'),
};

/** Registers values that must never appear in the log. Call before anything else is printed. */
export function maskSecrets(...values: (string | undefined)[]): void {
  for (const value of values) {
    if (value === undefined || value.trim() === '') continue;
    // The runner masks line by line: mask each line of a multi-line secret too.
    protocol.setSecret(value);
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '' && line !== value) protocol.setSecret(line);
  }
}

export type OutputValue = string | number | boolean | object | undefined;

/** Writes step outputs (objects as JSON). Undefined values are skipped, not written as empty strings. */
export function writeOutputs(outputs: Record<string, OutputValue>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    protocol.setOutput(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
}

/** Appends Markdown to the job summary; a summary that cannot be written is a warning, not a failure. */
export function writeSummary(markdown: string): void {
  try {
    protocol.appendSummary(markdown);
  } catch (error) {
    runnerLogger.warning(`Could not write the job summary: ${messageOf(error)}`);
  }
}

export function stepFailed(message: string): void {
  protocol.setFailed(breakLegacyCommands(message));
}

export { saveState, getState } from './runner-protocol';
export { readRunnerContext } from './runner-context';
export { createWorkspaceReader } from './workspace';

/**
 * Runs an action's body: any thrown value fails the step with a readable message. Our own errors print
 * their message alone; anything unexpected says so, and its stack goes to the debug log only.
 */
export async function runAction(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof Error && error.stack) runnerLogger.debug(error.stack);
    const message = messageOf(error);
    stepFailed(error instanceof ShipshapeError ? message : `Unexpected error: ${message}`);
  }
}
