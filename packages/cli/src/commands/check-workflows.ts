import { join, relative, resolve } from 'node:path';
import { ConfigError, quoteForMessage } from '@shipshape/kit';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { EXIT } from '../io';

const DEFAULT_DIR = '.github/workflows';
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

export const checkWorkflowsCommand = defineCommand({
  name: 'check-workflows',
  summary: "Check workflows that use shipshape's actions: inputs, outputs, permissions, concurrency, triggers",
  description: [
    'Reads the workflow files of a directory and reports, at file:line:col, what actionlint cannot know about our',
    'actions: unknown or misspelt inputs (with the input meant) and missing required ones; step outputs our actions do',
    'not declare; permissions a step of ours needs that its job does not grant; deploy jobs in a concurrency group that',
    'drops pending runs; `on: release` workflows fed by a release published with GITHUB_TOKEN (which starts no',
    'workflow); untrusted event text (PR titles, branch names, comments) inside run: or github-script.',
  ].join('\n'),
  operands: [
    { name: 'dir', help: `the directory of workflow files (default ${DEFAULT_DIR}; GitHub reads no subdirectory)` },
  ],
  options: [
    {
      name: 'json',
      type: 'boolean',
      default: false,
      help: 'print {"files","findings":[{"file","line","col","check","message"}]}',
    },
    {
      name: 'repo',
      type: 'string',
      placeholder: 'owner/name',
      help: 'your copy of shipshape, when it has another name: its uses: owner/name@ref is checked as ours too',
    },
  ],
  notes: 'Each check and why: packages/workflows/README.md in the shipshape repository.',
  exitCodes: '0 nothing found, 1 findings, 2 usage error or a directory without workflow files',
  async run({ values, operands, io }) {
    // Loaded here, not at the top: the checks and the YAML parser stay in a chunk of their own (scripts/build.mjs), so
    // the other subcommands do not load them at start.
    const { checkWorkflows, formatFinding, nodeWorkflowReader, readWorkflowFiles } =
      await import('@shipshape/workflows');
    const repository = values.repo;
    if (repository !== undefined && !REPOSITORY.test(repository))
      throw new UsageError(`--repo must be owner/name (e.g. acme/deploy-kit), got ${quoteForMessage(repository)}`);
    const given = operands[0] ?? DEFAULT_DIR;
    const dir = resolve(io.cwd, given);
    let read;
    try {
      read = await readWorkflowFiles(nodeWorkflowReader, dir, join);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const why =
        code === 'ENOENT'
          ? 'no such directory'
          : code === 'ENOTDIR'
            ? 'not a directory'
            : `cannot be listed (${String(code)})`;
      throw new ConfigError(`${quoteForMessage(given)}: ${why}`);
    }
    if (read.files.length === 0 && read.unreadable.length === 0)
      throw new ConfigError(`${quoteForMessage(given)}: no .yml or .yaml files`);
    // Paths relative to where the command runs, as the user would type them, so terminals and editors link them.
    const shown = (path: string): string => relative(io.cwd, path) || path;
    const files = read.files.map((file) => ({ path: shown(file.path), text: file.text }));
    const findings = [
      ...read.unreadable.map((f) => ({ ...f, file: shown(f.file) })),
      ...checkWorkflows(files, { repository }),
    ];
    const count = files.length + read.unreadable.length;
    if (values.json) {
      io.stdout(`${JSON.stringify({ files: count, findings })}\n`);
    } else {
      for (const finding of findings) io.stdout(`${formatFinding(finding)}\n`);
      const checked = `${count} workflow file${count === 1 ? '' : 's'} checked`;
      const found =
        findings.length === 0 ? 'no findings' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
      io.stdout(`${checked}: ${found}\n`);
    }
    return findings.length === 0 ? EXIT.ok : EXIT.checkFailed;
  },
});
