import { InputError } from './errors';

/**
 * Where input values come from: the runner's INPUT_* variables for an action, flags for the CLI, a map in
 * tests. Returns undefined (or '') when the input was not given.
 */
export type InputSource = (name: string) => string | undefined;

/** The runner's convention: `INPUT_` + the name upper-cased with spaces as underscores; hyphens are kept. */
export function runnerInputSource(env: NodeJS.ProcessEnv = process.env): InputSource {
  return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}

export function mapInputSource(values: Record<string, string | undefined>): InputSource {
  return (name) => values[name];
}

const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'off', '0']);

/** Typed, validated readers over one source. Every error names the input and what was expected. */
export class Inputs {
  constructor(private readonly source: InputSource) {}

  /** The trimmed value, or undefined when empty or absent. */
  optional(name: string): string | undefined {
    const raw = this.source(name);
    if (raw === undefined) return undefined;
    const value = raw.trim();
    return value === '' ? undefined : value;
  }

  /** The raw value with its whitespace kept (Markdown text), or undefined when empty or absent. */
  optionalRaw(name: string): string | undefined {
    const raw = this.source(name);
    return raw === undefined || raw.trim() === '' ? undefined : raw;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  required(name: string, expected = 'a non-empty value'): string {
    const value = this.optional(name);
    if (value === undefined) throw new InputError(name, expected);
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    throw new InputError(name, "'true' or 'false'", value);
  }

  /** A boolean that may also be left undecided ('' or 'auto'). */
  tristate(name: string): boolean | undefined {
    const value = this.optional(name);
    if (value === undefined || value === 'auto') return undefined;
    return this.boolean(name, false);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InputError(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }

  integer(name: string, fallback: number, bounds: { min?: number; max?: number; unit?: string } = {}): number {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, unit = '' } = bounds;
    const expected = `a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
    if (!/^[+-]?\d+$/.test(value)) throw new InputError(name, expected, value);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InputError(name, expected, value);
    return n;
  }

  /** A list separated by commas and/or newlines; blanks dropped. */
  list(name: string): string[] {
    const value = this.optional(name);
    if (value === undefined) return [];
    return value
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
}
