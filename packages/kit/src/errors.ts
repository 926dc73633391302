/**
 * Errors whose message is written for the person reading the failed step. `runAction` prints only the
 * message of these; anything else is an unexpected failure and is reported as such (stack to debug).
 */
export class ShipshapeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An action input (or CLI flag) was missing or malformed. The message names the input and what was expected. */
export class InputError extends ShipshapeError {
  constructor(
    readonly input: string,
    readonly expected: string,
    readonly got?: string,
  ) {
    super(
      `Input '${input}' ${got === undefined ? 'is required' : 'is invalid'}: expected ${expected}${got === undefined ? '' : `, got ${quoteForMessage(got)}`}.`,
    );
  }
}

/** A configuration file or template could not be used. */
export class ConfigError extends ShipshapeError {}

/** Something the action needs does not exist (a release, a changelog section, a workflow). */
export class NotFoundError extends ShipshapeError {}

/** A call to an external API failed in a way retries did not fix. The message names the call. */
export class ApiError extends ShipshapeError {
  constructor(
    readonly call: string,
    readonly status: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${call} failed${status === undefined ? '' : ` (HTTP ${status})`}: ${detail}`, options);
  }
}

/** Quotes a user-supplied value for an error message: one line, bounded length, no control characters. */
export function quoteForMessage(value: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '?',
  );
  const cut = oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
  return JSON.stringify(cut);
}

/** The user-facing message of any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return `Unexpected non-error value thrown: ${JSON.stringify(error)}`;
  } catch {
    return 'Unexpected non-error value thrown';
  }
}
