import { ConfigError } from '@shipshape/kit';
import { parseConfig, type PlanConfig } from './config';
import { DEFAULT_PRESET, PRESETS, presetNames } from './preset';
import { applyConfig, rulesFromTemplate, type RuleSet } from './rules';
import type { DirectoryEntry } from './github-port';

export const DEFAULT_CONFIG_PATH = '.github/plan-lint.yml';

/** Where rules are read from: the PR's base ref through the API in the action, local files in the CLI. */
export interface RuleReader {
  /** A file's text; undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** The repository's own PR template, if it has one. */
  findTemplate(): Promise<{ path: string; text: string } | undefined>;
}

export interface RuleChoice {
  /** Inputs (highest precedence). */
  template?: string;
  preset?: string;
  /** Config file path; when given explicitly it must exist. */
  config?: string;
}

export interface ResolvedRules {
  ruleSet: RuleSet;
  config: PlanConfig | undefined;
  /** Notes for the log (why a source was skipped). */
  notes: string[];
}

function presetRules(name: string, origin: string): RuleSet {
  const text = PRESETS[name];
  if (text === undefined)
    throw new ConfigError(`${origin}: unknown preset '${name}' (expected one of ${presetNames().join(', ')}).`);
  return rulesFromTemplate(text, `preset ${name}`);
}

async function templateRules(reader: RuleReader, path: string, origin: string): Promise<RuleSet> {
  const text = await reader.readFile(path);
  if (text === undefined) throw new ConfigError(`${origin}: the template ${path} does not exist.`);
  return rulesFromTemplate(text, `template ${path}`);
}

/**
 * The rules, in order of precedence: the inputs (template or preset), then the config file (its own template or
 * preset, plus its changes), then the repository's PR template, then the default preset. A template with no
 * headings or bold fields gives nothing to check, so the default preset applies instead (with a note).
 */
export async function resolveRules(choice: RuleChoice, reader: RuleReader): Promise<ResolvedRules> {
  const notes: string[] = [];
  const configPath = choice.config ?? DEFAULT_CONFIG_PATH;
  const configText = await reader.readFile(configPath);
  if (configText === undefined && choice.config !== undefined)
    throw new ConfigError(`Input 'config': the file ${configPath} does not exist.`);
  const config = configText === undefined ? undefined : await parseConfig(configText, configPath);
  let ruleSet: RuleSet | undefined;
  if (choice.template !== undefined) ruleSet = await templateRules(reader, choice.template, "Input 'template'");
  else if (choice.preset !== undefined) ruleSet = presetRules(choice.preset, "Input 'preset'");
  else if (config?.template !== undefined)
    ruleSet = await templateRules(reader, config.template, `${configPath} 'template'`);
  else if (config?.preset !== undefined) ruleSet = presetRules(config.preset, `${configPath} 'preset'`);
  else {
    const found = await reader.findTemplate();
    if (found) {
      ruleSet = rulesFromTemplate(found.text, `template ${found.path}`);
      if (ruleSet.rules.length === 0) {
        notes.push(
          `The template ${found.path} has no headings or bold fields to check; using the preset ${DEFAULT_PRESET}.`,
        );
        ruleSet = undefined;
      }
    }
  }
  ruleSet ??= presetRules(DEFAULT_PRESET, 'default');
  if (config) ruleSet = { ...applyConfig(ruleSet, config), source: `${ruleSet.source} + config ${configPath}` };
  return { ruleSet, config, notes };
}

const TEMPLATE_FILE = /^pull_request_template\.(md|markdown|txt)$/i;
const TEMPLATE_DIR = /^pull_request_template$/i;

/** The folders GitHub looks in for a PR template, in the order it prefers them (`''` = the root). */
export const TEMPLATE_FOLDERS = ['.github', '', 'docs'];

/**
 * Finds the PR template the way GitHub does (`.github/`, the root, `docs/`, any case), then a
 * `PULL_REQUEST_TEMPLATE/` folder of several: of those, the one sharing the most headings and fields with the
 * body (GitHub lets the author pick one through a query parameter, so the body tells which was used).
 */
export async function discoverTemplate(
  list: (path: string) => Promise<DirectoryEntry[] | undefined>,
  read: (path: string) => Promise<string | undefined>,
  bodyKeys: () => ReadonlySet<string>,
  keysOf: (text: string) => Set<string>,
): Promise<{ path: string; text: string } | undefined> {
  type Found = { path: string; text: string };
  // The three folders are listed side by side (one round trip, not three); the first in GitHub's order that holds a
  // template wins, and only its file is read.
  const folders = await Promise.all(TEMPLATE_FOLDERS.map((folder) => list(folder)));
  for (const entries of folders) {
    const file = entries?.find((e) => e.type === 'file' && TEMPLATE_FILE.test(e.name));
    const text = file ? await read(file.path) : undefined;
    if (file && text !== undefined) return { path: file.path, text };
  }
  const dirs = folders.flatMap((entries) =>
    (entries ?? []).filter((e) => e.type === 'dir' && TEMPLATE_DIR.test(e.name)).map((e) => e.path),
  );
  const listings = await Promise.all(dirs.map((dir) => list(dir)));
  for (const entries of listings) {
    const files = (entries ?? [])
      .filter((e) => e.type === 'file' && /\.(md|markdown|txt)$/i.test(e.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const texts = await Promise.all(files.map((file) => read(file.path)));
    const wanted = files.length > 1 ? bodyKeys() : new Set<string>();
    let best: (Found & { score: number }) | undefined;
    files.forEach((file, i) => {
      const text = texts[i];
      if (text === undefined) return;
      const score = files.length > 1 ? [...keysOf(text)].filter((k) => wanted.has(k)).length : 0;
      if (!best || score > best.score) best = { path: file.path, text, score };
    });
    if (best) return { path: best.path, text: best.text };
  }
  return undefined;
}

/** The heading and field keys of a text (for choosing among several templates). */
export function keysOfRules(text: string): Set<string> {
  try {
    return new Set(rulesFromTemplate(text, 'candidate').rules.flatMap((r) => r.keys));
  } catch {
    return new Set<string>();
  }
}
