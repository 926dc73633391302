import { parseArgs, type ParseArgsConfig } from 'node:util';
import { quoteForMessage } from '@shipshape/kit';
import { UsageError, reportError } from './errors';
import { EXIT, type CliCommand, type CliIO } from './io';
import { workflowSafeIO } from './safe-io';

/**
 * One option of a subcommand, declared once: the same declaration is the `parseArgs` config, the validation and the
 * line of `--help`, so the help can never list an option that is not parsed, or miss one that is.
 */
export interface OptionSpec {
  /** The long name, without `--`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** One letter, for `-x`. */
  readonly short?: string;
  /** May be given more than once; the value is then the list. */
  readonly multiple?: boolean;
  readonly default?: string | boolean | readonly string[];
  /** One line for `--help`: what the option is for. */
  readonly help: string;
  /** What a string option's value is, shown as `--name <placeholder>`. */
  readonly placeholder?: string;
  readonly required?: boolean;
  /** The only values a string option accepts. */
  readonly choices?: readonly string[];
}

type OptionValue<O extends OptionSpec> = O['type'] extends 'boolean'
  ? O['multiple'] extends true
    ? boolean[]
    : boolean
  : O['multiple'] extends true
    ? string[]
    : string;

type AlwaysSet<O extends OptionSpec> = O extends { required: true }
  ? true
  : O extends { default: unknown }
    ? true
    : false;

/** The parsed options of a declaration: required and defaulted ones always present, the others optional. */
export type OptionValues<Os extends readonly OptionSpec[]> = {
  [O in Os[number] as AlwaysSet<O> extends true ? O['name'] : never]: OptionValue<O>;
} & {
  [O in Os[number] as AlwaysSet<O> extends true ? never : O['name']]?: OptionValue<O>;
};

/** A word that must come first (`shipshape notify render`), with its help line. */
export interface SubcommandSpec {
  readonly name: string;
  readonly help: string;
}

/** A value given without an option (`shipshape check-workflows .github/workflows`), in declaration order. */
export interface OperandSpec {
  readonly name: string;
  readonly help: string;
  readonly required?: boolean;
}

export interface CommandSpec<Os extends readonly OptionSpec[]> {
  readonly name: string;
  /** One line for `shipshape --help`. */
  readonly summary: string;
  /** What the command does, shown under the usage line. */
  readonly description: string;
  readonly subcommands?: readonly SubcommandSpec[];
  readonly operands?: readonly OperandSpec[];
  readonly options: Os;
  /** Anything the option lines cannot say, shown after them. */
  readonly notes?: string;
  /** `0 …, 1 …, 2 …`: what each exit code means for this command. */
  readonly exitCodes: string;
  run(input: {
    values: OptionValues<Os>;
    subcommand: string | undefined;
    /** The operands given, in the order declared. */
    operands: readonly string[];
    io: CliIO;
  }): Promise<number>;
}

const HELP_OPTION: OptionSpec = { name: 'help', type: 'boolean', short: 'h', help: 'print this help and exit' };
const HELP_WIDTH = 118;
/** Option labels longer than this get their help on the next line instead of a wide column. */
const MAX_LABEL = 30;

function label(option: OptionSpec): string {
  const short = option.short === undefined ? '    ' : `-${option.short}, `;
  const value = option.type === 'string' ? ` <${option.placeholder ?? 'value'}>` : '';
  return `${short}--${option.name}${value}`;
}

function describe(option: OptionSpec): string {
  const extras: string[] = [];
  if (option.choices !== undefined) extras.push(`one of: ${option.choices.join(', ')}`);
  if (option.required) extras.push('required');
  else if (option.type === 'string' && typeof option.default !== 'boolean') {
    const shown = [option.default ?? []].flat().join(',');
    if (shown !== '') extras.push(`default: ${shown}`);
  }
  if (option.multiple) extras.push('may be repeated');
  return extras.length === 0 ? option.help : `${option.help} (${extras.join('; ')})`;
}

/** Words of `text` in lines of at most `width` columns, each line after the first indented by `indent` spaces. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Free text as written, with any line too long for the help wrapped. */
const prose = (text: string): string =>
  text
    .split('\n')
    .map((line) => wrap(line, HELP_WIDTH, 0))
    .join('\n');

/** Rows of `  <label>  <help>`, the help column aligned and wrapped. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const column = Math.min(Math.max(...rows.map(([left]) => left.length)), MAX_LABEL) + 4;
  return rows.map(([left, right]) => {
    const text = wrap(right, HELP_WIDTH - column, column);
    return left.length + 4 > column ? `  ${left}\n${' '.repeat(column)}${text}` : `  ${left.padEnd(column - 2)}${text}`;
  });
}

/** The `--help` text of a command, from its declaration alone. */
export function helpText(spec: CommandSpec<readonly OptionSpec[]>): string {
  const subcommands = spec.subcommands === undefined ? '' : ` <${spec.subcommands.map((s) => s.name).join('|')}>`;
  const required = spec.options.filter((o) => o.required).map((o) => ` ${label(o).trim()}`);
  const optional = spec.options.some((o) => !o.required) ? ' [options]' : '';
  const operands = (spec.operands ?? []).map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`));
  const usageLine = `Usage: shipshape ${spec.name}${subcommands}${required.join('')}${optional}${operands.join('')}`;
  const sections = [usageLine, prose(spec.description)];
  if (spec.subcommands !== undefined)
    sections.push(['Commands:', ...table(spec.subcommands.map((s) => [s.name, s.help] as const))].join('\n'));
  if (spec.operands !== undefined && spec.operands.length > 0)
    sections.push(['Arguments:', ...table(spec.operands.map((o) => [o.name, o.help] as const))].join('\n'));
  const options = [...spec.options, HELP_OPTION];
  sections.push(['Options:', ...table(options.map((o) => [label(o), describe(o)] as const))].join('\n'));
  if (spec.notes !== undefined) sections.push(prose(spec.notes));
  sections.push(`Exit codes: ${spec.exitCodes}.`);
  return sections.join('\n\n');
}

/** The `parseArgs` options of a declaration (plus `--help`). */
export function parseConfig(options: readonly OptionSpec[]): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    [...options, HELP_OPTION].map((o) => {
      const config: NonNullable<ParseArgsConfig['options']>[string] = { type: o.type };
      if (o.short !== undefined) config.short = o.short;
      if (o.multiple) config.multiple = true;
      const value = o.default;
      if (value !== undefined)
        config.default = typeof value === 'string' || typeof value === 'boolean' ? value : [...value];
      return [o.name, config];
    }),
  );
}

/** node:util's parse errors, said the way every other usage error is. */
function parseError(error: unknown, options: readonly OptionSpec[]): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${quoteForMessage(quoted)}`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return new UsageError(`unexpected argument ${quoteForMessage(quoted)} (every value follows its --option)`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([\w-]+)/.exec(quoted)?.[1];
    const option = options.find((o) => o.name === name);
    if (option?.type === 'boolean') return new UsageError(`--${option.name} takes no value`);
    if (option !== undefined)
      return new UsageError(`--${option.name} needs a value: <${option.placeholder ?? 'value'}>`);
  }
  return new UsageError(message);
}

/** Checks what parseArgs cannot: required options and the choices of a string option. */
function validate(values: Record<string, unknown>, options: readonly OptionSpec[]): void {
  for (const option of options) {
    const value = values[option.name];
    if (option.required && (value === undefined || value === '')) throw new UsageError(`--${option.name} is required`);
    if (option.choices === undefined || value === undefined) continue;
    for (const one of [value].flat()) {
      if (typeof one === 'string' && !option.choices.includes(one))
        throw new UsageError(
          `--${option.name} must be one of ${option.choices.join(', ')}, got ${quoteForMessage(one)}`,
        );
    }
  }
}

/** A subcommand with the declaration its help and parsing come from (tests hold the two together). */
export interface DeclaredCommand extends CliCommand {
  readonly options: readonly OptionSpec[];
  readonly subcommands: readonly SubcommandSpec[];
}

function validateOperands(given: readonly string[], declared: readonly OperandSpec[]): void {
  const extra = given[declared.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument ${quoteForMessage(extra)}`);
  const missing = declared.find((operand, i) => operand.required && given[i] === undefined);
  if (missing !== undefined) throw new UsageError(`<${missing.name}> is required`);
}

const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

/**
 * A subcommand from its declaration: `--help` is generated, argv is parsed and validated against the options, and
 * every error is printed the one way (see reportError). The command body sees typed values only.
 */
export function defineCommand<const Os extends readonly OptionSpec[]>(spec: CommandSpec<Os>): DeclaredCommand {
  const help = helpText(spec);
  const flags = new Set(spec.options.map((o) => o.name));
  return {
    name: spec.name,
    summary: spec.summary,
    help,
    options: spec.options,
    subcommands: spec.subcommands ?? [],
    async run(argv, rawIO) {
      const io = workflowSafeIO(rawIO);
      if (wantsHelp(argv)) {
        io.stdout(`${help}\n`);
        return EXIT.ok;
      }
      try {
        let args = argv;
        let subcommand: string | undefined;
        if (spec.subcommands !== undefined) {
          const names = spec.subcommands.map((s) => s.name);
          [subcommand, ...args] = argv;
          if (subcommand === undefined || !names.includes(subcommand))
            throw new UsageError(
              `expected ${names.map((n) => `'${n}'`).join(' or ')}${subcommand === undefined ? '' : `, got ${quoteForMessage(subcommand)}`}`,
            );
        }
        const declared = spec.operands ?? [];
        let values: Record<string, unknown>;
        let positionals: string[];
        try {
          ({ values, positionals } = parseArgs({
            args,
            options: parseConfig(spec.options),
            strict: true,
            allowPositionals: declared.length > 0,
          }));
        } catch (error) {
          throw parseError(error, spec.options);
        }
        validate(values, spec.options);
        validateOperands(positionals, declared);
        return await spec.run({ values: values as OptionValues<Os>, subcommand, operands: positionals, io });
      } catch (error) {
        return reportError(spec.name, error, io, flags);
      }
    },
  };
}
