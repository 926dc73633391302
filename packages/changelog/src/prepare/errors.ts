import { ShipshapeError } from '@shipshape/kit';

/** The option a refusal is about, when an option (not the changelog) is at fault. */
export type PrepareOption = 'bump' | 'preid' | 'date';

/**
 * A changelog that cannot be prepared for a release, or options that cannot prepare it: the message says which and
 * what to do. A ShipshapeError, so an action prints the message alone and the CLI prefixes it with its name.
 * `option` names the option at fault (the message then starts with it), so a caller can say it as its own flag or
 * input.
 */
export class PrepareError extends ShipshapeError {
  constructor(
    message: string,
    readonly option?: PrepareOption,
  ) {
    super(message);
  }
}
