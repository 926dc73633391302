import { ShipshapeError } from '@shipshape/kit';

/**
 * A changelog that cannot be prepared for a release, or options that cannot prepare it: the message says which and
 * what to do. A ShipshapeError, so an action prints the message alone and the CLI prefixes it with its name.
 */
export class PrepareError extends ShipshapeError {}
