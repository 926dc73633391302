// Generates what is derived from the actions' action.yml files, so there is one source of truth:
//   - the inputs/outputs tables in actions/<name>/README.md (between <!-- inputs:start --> … markers)
//   - the root action.yml (command: selects an action; the union of their inputs and outputs)
// - root-action/commands.json (the commands, and per-command input defaults that differ between actions: a literal
// value, or
//     the name of a companion root input whose default is an expression such as ${{ github.token }})
//   - packages/init/src/templates.generated.ts (the example workflows that `shipshape init` writes), and their names
//     in packages/cli/src/commands/init-workflows.generated.ts
// Usage: node scripts/generate.mjs          write the files
//        node scripts/generate.mjs --check  fail (exit 1) if any of them is out of date
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');
const ACTIONS = ['plan-lint', 'changelog-release', 'deploy-guard', 'deploy-notify', 'merge-gate', 'deploy-record'];
const stale = [];

// Nothing is written until every file has been generated without an error: never a partial update.
const pending = [];
function update(path, next) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === next) return;
  if (check) stale.push(path.slice(root.length));
  else pending.push([path, next]);
}

const cell = (text) =>
  String(text ?? '')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/\r?\n+/g, ' ');

function inputsTable(inputs) {
  const rows = Object.entries(inputs ?? {}).map(
    ([name, spec]) =>
      `| \`${name}\` | ${cell(spec.description)} | ${spec.required ? 'yes' : 'no'} | ${spec.default === undefined || spec.default === '' ? '' : `\`${cell(spec.default)}\``} |`,
  );
  return ['| Input | Description | Required | Default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBetween(text, marker, body, file) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: missing ${start} … ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

const actions = [];
const errors = [];
for (const name of ACTIONS) {
  const file = join(root, 'actions', name, 'action.yml');
  if (!existsSync(file)) {
    console.warn(`generate: actions/${name}/action.yml does not exist yet; the root action leaves '${name}' out`);
    continue;
  }
  let meta;
  try {
    meta = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    errors.push(`actions/${name}/action.yml is not valid YAML: ${error.message.split('\n')[0]}`);
    continue;
  }
  actions.push({ name, meta });
  const readme = join(root, 'actions', name, 'README.md');
  if (existsSync(readme)) {
    try {
      let text = readFileSync(readme, 'utf8');
      text = replaceBetween(text, 'inputs', inputsTable(meta.inputs), readme);
      text = replaceBetween(text, 'outputs', outputsTable(meta.outputs), readme);
      update(readme, text);
    } catch (error) {
      errors.push(error.message);
    }
  }
}

// Root action: one input `command` plus the union of the actions' inputs. When actions agree on an
// input's default it becomes the root default; when they differ the root leaves it empty and the
// dispatcher applies the chosen command's own default from root-action/commands.json.
const inputs = {
  command: {
    description: `Which action to run: ${actions.map((a) => `\`${a.name}\``).join(', ')}.`,
    required: true,
  },
};
const outputs = {};
const defaults = {};
const seen = new Map();
for (const { name, meta } of actions) {
  for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
    const users = seen.get(input) ?? [];
    users.push({ action: name, spec });
    seen.set(input, users);
  }
  for (const [output, spec] of Object.entries(meta.outputs ?? {})) {
    outputs[output] ??= { description: '' };
    const prefix = `(${name}) ${cell(spec.description)}`;
    outputs[output].description = outputs[output].description ? `${outputs[output].description} ${prefix}` : prefix;
  }
}
// An expression default (such as `${{ github.token }}`) can only be evaluated by the runner, inside an
// action.yml. When actions disagree on such an input (deploy-notify's `token` is a Slack bot token with no
// default; the others default `token` to the GitHub token), the root action declares a companion input
// with that default, and the dispatcher copies it into the input for the commands that default to it.
const COMPANIONS = {
  '${{ github.token }}': {
    name: 'github-token',
    description:
      "The GitHub token that `token` defaults to for the commands that talk to GitHub (plan-lint, changelog-release, deploy-guard, merge-gate, deploy-record); deploy-notify's `token` is a Slack bot token and has no default.",
  },
};
const companions = {};
for (const [input, users] of [...seen.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const defaultsUsed = new Set(users.map((u) => (u.spec.default === undefined ? '' : String(u.spec.default))));
  const description = users.map((u) => `(${u.action}) ${cell(u.spec.description)}`).join(' ');
  const entry = { description, required: false };
  if (defaultsUsed.size === 1) {
    const only = [...defaultsUsed][0];
    if (only !== '') entry.default = only;
  } else {
    const perCommand = users
      .filter((u) => u.spec.default !== undefined && u.spec.default !== '')
      // An expression inside a description would be evaluated (and rejected): name its companion instead.
      .map((u) => {
        const value = String(u.spec.default).trim();
        const companion = COMPANIONS[value];
        return `(${u.action}) ${value.includes('${{') ? `the \`${companion?.name ?? '?'}\` input` : `\`${cell(value)}\``}`;
      });
    entry.description = `${description} Default per command: ${perCommand.join(', ')}.`;
    for (const u of users) {
      if (u.spec.default === undefined || u.spec.default === '') continue;
      const value = String(u.spec.default);
      defaults[u.action] ??= {};
      if (value.includes('${{')) {
        const companion = COMPANIONS[value.trim()];
        if (!companion) {
          errors.push(
            `input '${input}': actions disagree on its default and ${u.action}'s default '${value}' is an expression with no companion input in scripts/generate.mjs`,
          );
          continue;
        }
        companions[companion.name] = { description: companion.description, required: false, default: value.trim() };
        defaults[u.action][input] = { fromInput: companion.name };
      } else {
        defaults[u.action][input] = { value };
      }
    }
  }
  inputs[input] = entry;
}
for (const [name, spec] of Object.entries(companions)) {
  // An action may declare the companion's name as its own input with the same default (deploy-notify's
  // `github-token`): one root input then serves both, the action's own meaning and the companion's.
  const own = inputs[name];
  if (own !== undefined && own.default !== spec.default) {
    errors.push(`companion input '${name}' collides with an input of the same name and another default`);
    continue;
  }
  inputs[name] = own === undefined ? spec : { ...own, description: `${spec.description} ${own.description}` };
}
const rootAction = {
  name: 'shipshape',
  description: `Release procedures as workflow steps: ${actions.map((a) => a.name).join(', ')} in one action, selected by \`command\`.`,
  author: 'shipshape',
  branding: { icon: 'anchor', color: 'blue' },
  inputs,
  outputs,
  runs: { using: 'node24', main: 'root-action/index.mjs' },
};
const header = '# Generated by scripts/generate.mjs from actions/*/action.yml — do not edit by hand.\n';
update(join(root, 'action.yml'), header + stringify(rootAction, { lineWidth: 0 }));
const commands = Object.fromEntries(actions.map(({ name }) => [name, { defaults: defaults[name] ?? {} }]));
update(join(root, 'root-action/commands.json'), `${JSON.stringify(commands, null, 2)}\n`);

// One source for the published name (issue 21 item 3): package.json's `repository`. Every `uses:` of ours in the
// READMEs and the examples is rewritten to it, so a fork or the project's real home changes one line. The names to
// replace are found as the `owner/name` before `/actions/<one of ours>`, and then also replaced before `@` (the root
// action); `actions/checkout` and other third-party actions never stand before `/actions/<ours>`.
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repositoryUrl = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
const published = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(repositoryUrl ?? '')?.[1];
if (published === undefined)
  errors.push(`package.json repository must be a GitHub URL, got ${JSON.stringify(repositoryUrl)}`);
const oursAfter = new RegExp(`([\\w.-]+/[\\w.-]+)(?=/actions/(?:${ACTIONS.join('|')})\\b)`, 'g');
function withPublishedName(text) {
  if (published === undefined) return text;
  let next = text;
  for (const old of new Set([...text.matchAll(oursAfter)].map((m) => m[1]))) {
    if (old === published) continue;
    next = next.replaceAll(`${old}/actions/`, `${published}/actions/`).replaceAll(`${old}@`, `${published}@`);
  }
  return next;
}
const exampleFiles = readdirSync(join(root, 'workflows-examples')).filter((file) => file.endsWith('.yml'));
for (const path of [
  join(root, 'README.md'),
  ...ACTIONS.map((name) => join(root, 'actions', name, 'README.md')),
  ...exampleFiles.map((file) => join(root, 'workflows-examples', file)),
]) {
  const text = pending.find(([p]) => p === path)?.[1] ?? readFileSync(path, 'utf8');
  const next = withPublishedName(text);
  if (next === text) continue;
  const queued = pending.findIndex(([p]) => p === path);
  if (queued === -1) update(path, next);
  else pending[queued][1] = next;
}

// packages/init/src/templates.generated.ts: the example workflows, shipped inside the CLI for `shipshape init`
// (the CLI runs with no repository around it). Each summary is the example's first comment line.
const exampleDir = join(root, 'workflows-examples');
const templates = readdirSync(exampleDir)
  .filter((file) => file.endsWith('.yml'))
  .sort()
  .map((file) => {
    const text = withPublishedName(readFileSync(join(exampleDir, file), 'utf8'));
    const lead = (/^(?:#(?: .*)?\n)+/.exec(text)?.[0] ?? '').split(/^#\n/m)[0] ?? '';
    const paragraph = lead.replace(/^# ?/gm, '').replace(/\s+/g, ' ').trim();
    const sentence = /^.*?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
    const summary = sentence.length <= 110 ? sentence : `${sentence.slice(0, 109).replace(/\s+\S*$/, '')}…`;
    if (summary === '') errors.push(`workflows-examples/${file} has no leading comment to summarise it`);
    return { name: file.replace(/\.yml$/, ''), summary, text };
  });
update(
  join(root, 'packages/init/src/templates.generated.ts'),
  `// Generated by scripts/generate.mjs from workflows-examples/*.yml — do not edit by hand.
import type { WorkflowTemplate } from './plan';

export const TEMPLATES: readonly WorkflowTemplate[] = ${JSON.stringify(templates, null, 2)};
`,
);
update(
  join(root, 'packages/init/src/published.generated.ts'),
  `// Generated by scripts/generate.mjs from package.json's repository — do not edit by hand.
/** Where the templates' \`uses:\` point: the one source for the published name. */
export const PUBLISHED_REPOSITORY = ${JSON.stringify(published)};
`,
);
// The names alone, for the CLI's static --help: the templates themselves load only when init runs.
update(
  join(root, 'packages/cli/src/commands/init-workflows.generated.ts'),
  `// Generated by scripts/generate.mjs from workflows-examples/*.yml — do not edit by hand.
export const INIT_WORKFLOWS: readonly string[] = ${JSON.stringify(templates.map((t) => t.name))};
`,
);

// packages/workflows/src/catalog.generated.ts (what check-workflows knows of each action) has its own script.
const catalog = spawnSync(
  process.execPath,
  [join(root, 'packages/workflows/scripts/generate-catalog.mjs'), ...(check ? ['--check'] : [])],
  { stdio: 'inherit' },
);
if (catalog.status !== 0) errors.push('packages/workflows/src/catalog.generated.ts could not be generated or is stale');

if (errors.length > 0) {
  console.error(errors.map((e) => `generate: ${e}`).join('\n'));
  process.exit(1);
}
for (const [path, text] of pending) writeFileSync(path, text);
if (stale.length > 0) {
  console.error(`generate: out of date (run 'node scripts/generate.mjs' and commit):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'generate: all generated files are up to date' : 'generate: done');
