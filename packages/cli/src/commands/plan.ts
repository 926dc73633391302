import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@shipshape/kit';
import { DEFAULT_CONFIG_PATH, lintPlan, needsChangedFiles, resolveRules } from '@shipshape/action-plan-lint';
import { defineCommand } from '../command';
import { EXIT, type CliIO } from '../io';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readText(io: CliIO, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))}`,
    );
  }
}

export const planLintCommand = defineCommand({
  name: 'plan-lint',
  summary: 'Check a PR description for roll-out, verification and rollback plans',
  description: `Checks a pull-request description for filled-in roll-out, verification and rollback plans, with the same
rules as the plan-lint action.`,
  options: [
    {
      name: 'body-file',
      type: 'string',
      placeholder: 'path',
      required: true,
      help: "the description (Markdown); '-' reads standard input",
    },
    {
      name: 'title',
      type: 'string',
      placeholder: 'text',
      default: '',
      help: 'the PR title (a [WIP] / WIP: title fails)',
    },
    { name: 'template', type: 'string', placeholder: 'path', help: 'check against this PR template' },
    {
      name: 'config',
      type: 'string',
      placeholder: 'path',
      help: "a plan-lint.yml config file (its 'template' path is relative to it)",
    },
    {
      name: 'changed-files',
      type: 'string',
      placeholder: 'path',
      help: "changed files, one per line (for rules with 'paths' conditions)",
    },
    {
      name: 'labels',
      type: 'string',
      placeholder: 'a,b',
      default: '',
      help: "the PR's labels (for 'labels' conditions)",
    },
    {
      name: 'json',
      type: 'boolean',
      default: false,
      help: 'print {"valid": bool, "problems": [{"section", "code", "message"}]}',
    },
  ],
  notes: 'Without --template or --config the default preset (rollout-rollback) applies.',
  exitCodes: '0 plan passes, 1 plan fails, 2 usage or configuration error',
  async run({ values, io }) {
    const bodyFile = values['body-file'];
    const body = bodyFile === '-' ? await readStdin() : await readText(io, bodyFile, 'body file');
    const configDir = values.config ? dirname(resolve(io.cwd, values.config)) : io.cwd;
    const { ruleSet } = await resolveRules(
      { template: values.template, config: values.config },
      {
        // The config file itself is read relative to the working directory, paths inside it relative to it.
        readFile: async (path) => {
          // Without --config no config file applies (not even .github/plan-lint.yml in the working directory).
          if (values.config === undefined && path === DEFAULT_CONFIG_PATH) return undefined;
          const full =
            path === values.config
              ? resolve(io.cwd, path)
              : path === values.template
                ? resolve(io.cwd, path)
                : resolve(configDir, path);
          try {
            return await readFile(full, 'utf8');
          } catch {
            return undefined;
          }
        },
        // Locally, no template is discovered: without --template or --config the default preset applies.
        findTemplate: async () => undefined,
      },
    );
    const rules = ruleSet.rules;
    let changedFiles: string[] = [];
    if (values['changed-files']) {
      changedFiles = (await readText(io, values['changed-files'], 'changed-files list'))
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    } else if (needsChangedFiles(rules)) {
      io.stderr('shipshape plan-lint: note: some rules depend on changed files; pass --changed-files to apply them\n');
    }
    const labels = values.labels
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const result = lintPlan({ title: values.title, body, rules, labels, changedFiles, wip: 'fail' });
    if (values.json) {
      io.stdout(`${JSON.stringify({ valid: result.valid, problems: result.problems })}\n`);
    } else if (result.valid) {
      io.stdout(`Plan check passed (${rules.length} sections and fields).\n`);
    } else {
      io.stdout(`Plan check failed: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n`);
      for (const item of result.items.filter((i) => i.status === 'failed'))
        io.stdout(`  ✗ ${item.problem ?? ''} Fix: ${item.fix ?? ''}\n`);
      for (const p of result.problems.filter((p) => p.code === 'wip' || p.code === 'unreadable'))
        io.stdout(`  ✗ ${p.message}\n`);
    }
    return result.valid ? EXIT.ok : EXIT.checkFailed;
  },
});
