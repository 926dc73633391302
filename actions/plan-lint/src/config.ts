import { ConfigError } from '@shipshape/kit';
import type { Condition } from './rules';

/** The YAML config file (default `.github/plan-lint.yml`, read at the PR's base ref). Every key is optional. */
export interface PlanConfig {
  template?: string;
  preset?: string;
  /** Extra required sections or fields, by name. */
  require: string[];
  /** Template items that are not required. */
  optional: string[];
  /** name → other names that count as it (`Rollback strategy: [Rollback plan]`). */
  aliases: Record<string, string[]>;
  /** Items required only when the PR touches some paths or carries some labels. */
  when: { condition: Condition; require: string[] }[];
  skipLabels?: string[];
  skipAuthors?: string[];
  failOnWip?: boolean;
}

const KEYS = [
  'template',
  'preset',
  'require',
  'optional',
  'aliases',
  'when',
  'skip-labels',
  'skip-authors',
  'fail-on-wip',
];

function fail(file: string, detail: string): never {
  throw new ConfigError(`${file}: ${detail}`);
}

function stringList(file: string, key: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' && v.trim() !== '')) {
    fail(file, `'${key}' must be a list of non-empty strings`);
  }
  return list.map((v: string) => v.trim());
}

function optionalString(file: string, key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(file, `'${key}' must be a non-empty string`);
  return value.trim();
}

/** Parses and validates the config text; every error names the file, the key and what was expected. */
export async function parseConfig(text: string, file: string): Promise<PlanConfig> {
  // Loaded only when a config file exists: the YAML parser is the largest part of the bundle's start-up.
  const { parse: parseYaml } = await import('yaml');
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    fail(file, `not valid YAML (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) fail(file, 'expected a mapping of settings at the top level');
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KEYS.includes(key)) fail(file, `unknown key '${key}' (expected one of ${KEYS.join(', ')})`);
  }
  const aliases: Record<string, string[]> = {};
  const rawAliases = record.aliases;
  if (rawAliases !== undefined && rawAliases !== null) {
    if (typeof rawAliases !== 'object' || Array.isArray(rawAliases))
      fail(file, "'aliases' must map a name to a list of names");
    for (const [name, list] of Object.entries(rawAliases as Record<string, unknown>))
      aliases[name] = stringList(file, `aliases.${name}`, list);
  }
  const when: PlanConfig['when'] = [];
  const rawWhen = record.when;
  if (rawWhen !== undefined && rawWhen !== null) {
    if (!Array.isArray(rawWhen)) fail(file, "'when' must be a list of { paths, labels, require } entries");
    rawWhen.forEach((entry: unknown, i) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
        fail(file, `'when[${i}]' must be a mapping with 'require' and 'paths' and/or 'labels'`);
      const e = entry as Record<string, unknown>;
      for (const key of Object.keys(e))
        if (!['paths', 'labels', 'require'].includes(key))
          fail(file, `unknown key 'when[${i}].${key}' (expected paths, labels, require)`);
      const paths = stringList(file, `when[${i}].paths`, e.paths);
      const labels = stringList(file, `when[${i}].labels`, e.labels);
      const require = stringList(file, `when[${i}].require`, e.require);
      if (require.length === 0) fail(file, `'when[${i}].require' must name at least one section or field`);
      if (paths.length === 0 && labels.length === 0) fail(file, `'when[${i}]' needs 'paths' or 'labels'`);
      when.push({ condition: { paths, labels }, require });
    });
  }
  const failOnWip = record['fail-on-wip'];
  if (failOnWip !== undefined && failOnWip !== null && typeof failOnWip !== 'boolean')
    fail(file, "'fail-on-wip' must be true or false");
  return {
    template: optionalString(file, 'template', record.template),
    preset: optionalString(file, 'preset', record.preset),
    require: stringList(file, 'require', record.require),
    optional: stringList(file, 'optional', record.optional),
    aliases,
    when,
    skipLabels:
      record['skip-labels'] === undefined ? undefined : stringList(file, 'skip-labels', record['skip-labels']),
    skipAuthors:
      record['skip-authors'] === undefined ? undefined : stringList(file, 'skip-authors', record['skip-authors']),
    failOnWip: typeof failOnWip === 'boolean' ? failOnWip : undefined,
  };
}
