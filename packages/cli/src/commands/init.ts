import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { messageOf, quoteForMessage } from '@shipshape/kit';
import { join, resolve } from 'node:path';
import type { InitPlan } from '@shipshape/init';
import { defineCommand } from '../command';
import { CommandFailed, UsageError } from '../errors';
import { EXIT, type CliIO } from '../io';
import { INIT_WORKFLOWS as NAMES } from './init-workflows.generated';

/** A value the user must give: the flag, else a question at a terminal, else a usage error naming the flag. */
async function needed(value: string | undefined, flag: string, question: string, io: CliIO, yes: boolean) {
  if (value !== undefined && value.trim() !== '') return value;
  if (!yes && io.ask !== undefined) {
    const answer = (await io.ask(`${question}: `)).trim();
    if (answer !== '') return answer;
  }
  throw new UsageError(`--${flag} is required${yes || io.ask === undefined ? '' : ' (no answer given)'}`);
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The workflow files already in the repository (deploy-guard's queue may name them). */
function workflowFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return [];
  }
}

/** The first of `.github`, `.github/workflows` and the file that is a symbolic link: never written through. */
function symbolicLinkOnTheWay(root: string, path: string): string | undefined {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    try {
      if (lstatSync(join(root, prefix)).isSymbolicLink()) return prefix;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function settingsText(plan: InitPlan): string {
  const settings = plan.settings;
  const lines = ['Still to set in the repository (Settings):'];
  const item = (label: string, values: string[], why: string): void => {
    if (values.length > 0) lines.push(`  ${label}: ${values.join(', ')} — ${why}`);
  };
  item('files to add', settings.files, 'the workflows read them from the repository');
  item('secrets', settings.secrets, 'Secrets and variables → Actions → Secrets');
  item('variables', settings.variables, 'Secrets and variables → Actions → Variables');
  item('optional variables', settings.optionalVariables, 'set one only to override the value init wrote');
  item(
    'environments',
    settings.environments,
    'Environments: add the protection rules or reviewers your procedure asks',
  );
  item('required checks', settings.requiredChecks, 'a ruleset or branch protection on the default branch');
  item(
    'with a merge queue',
    settings.checksWithoutMergeQueue,
    'these workflows do not run on merge_group: add it to their on: before requiring them, or the queue stalls',
  );
  item(
    'required statuses',
    settings.requiredStatuses,
    'require this commit status too, so a merge freeze blocks merges',
  );
  if (plan.files.some((f) => f.path.endsWith('/merge-gate.yml')))
    lines.push('  merge-gate.yml: review base-rules and head-pattern for your branch names before committing it');
  return lines.length === 1 ? '' : `${lines.join('\n')}\n`;
}

export const initCommand = defineCommand({
  name: 'init',
  summary: 'Write the shipshape workflows a team picks into .github/workflows, filled in and validated',
  description: [
    "Writes the example workflows you pick into <dir>/.github/workflows, with your shipshape copy's repository and",
    'pinned ref in every uses:, your deploy window and time zone, the Slack token secret and channel, and the',
    'workflows a deploy queues behind. It checks them with check-workflows before writing, never overwrites a file',
    'without --force, and prints the secrets, variables, environments and required checks still to set.',
  ].join('\n'),
  operands: [{ name: 'dir', help: 'the repository to write into (default: the current directory)' }],
  options: [
    {
      name: 'workflows',
      type: 'string',
      multiple: true,
      placeholder: 'names',
      help: `which workflows, comma separated: ${NAMES.join(', ')}`,
    },
    {
      name: 'uses',
      type: 'string',
      placeholder: 'owner/name@sha',
      help: 'your shipshape copy and the full commit SHA to pin every uses: to',
    },
    { name: 'tag', type: 'string', placeholder: 'tag', help: 'the release that SHA is, written as a comment after it' },
    {
      name: 'window',
      type: 'string',
      placeholder: 'days hours',
      default: 'mon-fri 08:00-17:00',
      help: 'the deploy window (deploy-guard, merge-gate), e.g. "mon-thu 09:00-16:00"',
    },
    {
      name: 'time-zone',
      type: 'string',
      placeholder: 'IANA zone',
      default: 'UTC',
      help: "the deploy window's time zone, e.g. Europe/Paris, for each part of --window that names none",
    },
    {
      name: 'slack-token-secret',
      type: 'string',
      placeholder: 'name',
      default: 'SLACK_BOT_TOKEN',
      help: 'the secret holding the Slack bot token',
    },
    {
      name: 'slack-channel',
      type: 'string',
      placeholder: 'channel ID',
      help: 'a Slack channel ID (C0123ABCDEF) written into the workflows instead of the SLACK_DEPLOY_CHANNEL variable',
    },
    {
      name: 'queue-behind',
      type: 'string',
      multiple: true,
      placeholder: 'files',
      help: 'the workflow files a release waits behind, comma separated (default: release.yml, staging.yml)',
    },
    { name: 'force', type: 'boolean', default: false, help: 'overwrite workflow files that already exist' },
    { name: 'yes', type: 'boolean', default: false, help: 'never ask: every missing value is an error' },
  ],
  notes: 'Example: shipshape init --workflows pr-checks,release --uses acme/shipshape@<40-hex sha> --tag v1.2.0 --yes',
  exitCodes:
    '0 written, 1 a file exists (without --force) or the check found a problem (nothing written), 2 usage error',
  async run({ values, operands, io }) {
    const yes = values.yes;
    const workflows = values.workflows ?? [
      await needed(undefined, 'workflows', `Workflows (${NAMES.join(', ')})`, io, yes),
    ];
    const uses = await needed(
      values.uses,
      'uses',
      'Your shipshape repository and commit (owner/name@<40-hex sha>)',
      io,
      yes,
    );
    // The templates and the checks (with the YAML parser) load when init runs, not with every command.
    const { planInit, readInitOptions, TEMPLATES, WORKFLOWS_DIR } = await import('@shipshape/init');
    const { checkWorkflows, formatFinding } = await import('@shipshape/workflows');
    const options = readInitOptions(
      {
        workflows,
        uses,
        tag: values.tag,
        window: values.window,
        timeZone: values['time-zone'],
        slackTokenSecret: values['slack-token-secret'],
        slackChannel: values['slack-channel'],
        queueBehind: values['queue-behind'],
      },
      NAMES,
    );
    const root = resolve(io.cwd, operands[0] ?? '.');
    if (!isDirectory(root)) throw new CommandFailed(`${quoteForMessage(operands[0] ?? '.')} is not a directory`);
    const plan = planInit(options, TEMPLATES, workflowFilesIn(join(root, WORKFLOWS_DIR)));

    // A cloned repository may hold a link out of it (a dangling one too): refuse before anything is written.
    const linked = plan.files.map((f) => symbolicLinkOnTheWay(root, f.path)).find((l) => l !== undefined);
    if (linked !== undefined)
      throw new CommandFailed(`${linked} is a symbolic link; init writes only real files inside the repository`);
    const notFiles = ['.github', WORKFLOWS_DIR].filter((d) => existsSync(join(root, d)) && !isDirectory(join(root, d)));
    const notFile = [...notFiles, ...plan.files.map((f) => f.path).filter((p) => isDirectory(join(root, p)))][0];
    if (notFile !== undefined)
      throw new CommandFailed(`${notFile} is in the way (not a directory or not a file); nothing written`);
    const existing = plan.files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path);
    if (existing.length > 0 && !values.force)
      throw new CommandFailed(
        `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (--force overwrites)`,
      );
    const findings = checkWorkflows(plan.files, { repository: options.repository });
    if (findings.length > 0) {
      for (const finding of findings) io.stderr(`${formatFinding(finding)}\n`);
      throw new CommandFailed(`the filled-in workflows do not pass check-workflows; nothing written`);
    }

    mkdirSync(join(root, WORKFLOWS_DIR), { recursive: true });
    for (const file of plan.files) {
      try {
        writeFileSync(join(root, file.path), file.text);
      } catch (error) {
        throw new CommandFailed(`${file.path} could not be written (${messageOf(error)})`);
      }
      io.stdout(`wrote ${file.path}\n`);
    }
    if (!/^[0-9a-f]{40}$/.test(options.ref))
      io.stderr(
        `shipshape init: warning: ${options.ref} is not a full commit SHA; pin one for an immutable dependency\n`,
      );
    io.stdout(`check-workflows: ${plan.files.length} file${plan.files.length === 1 ? '' : 's'}, no findings\n`);
    io.stdout(settingsText(plan));
    return EXIT.ok;
  },
});
