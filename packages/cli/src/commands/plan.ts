import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '@shipshape/kit';
import { lintPlan, needsChangedFiles } from '@shipshape/action-plan-lint/lint';
import { DEFAULT_CONFIG_PATH, resolveRules } from '@shipshape/action-plan-lint/sources';
import { EXIT, type CliCommand, type CliIO } from '../io';

const help = `Usage: shipshape plan-lint --body-file PR.md [--title TITLE] [--template FILE] [--config FILE]
                          [--changed-files FILE] [--labels a,b] [--json]

Checks a pull-request description for filled-in roll-out, verification and rollback plans, with the same rules
as the plan-lint action.
  --body-file <path>      the description (Markdown); '-' reads standard input
  --title <text>          the PR title (a [WIP] / WIP: title fails)
  --template <path>       check against this PR template
  --config <path>         a plan-lint.yml config file (its 'template' path is relative to it)
  --changed-files <path>  changed files, one per line (for rules with 'paths' conditions)
  --labels <a,b>          the PR's labels (for 'labels' conditions)
  --json                  print {"valid": bool, "problems": [{"section", "code", "message"}]}
Without --template or --config the default preset (rollout-rollback) applies.
Exit codes: 0 plan passes, 1 plan fails, 2 usage or configuration error.`;

interface Values {
  'body-file'?: string;
  title?: string;
  template?: string;
  config?: string;
  'changed-files'?: string;
  labels?: string;
  json?: boolean;
}

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

export const planLintCommand: CliCommand = {
  name: 'plan-lint',
  summary: 'Check a PR description for roll-out, verification and rollback plans',
  help,
  async run(argv, io) {
    let values: Values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          'body-file': { type: 'string' },
          title: { type: 'string', default: '' },
          template: { type: 'string' },
          config: { type: 'string' },
          'changed-files': { type: 'string' },
          labels: { type: 'string', default: '' },
          json: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n${help}\n`);
      return EXIT.usage;
    }
    const bodyFile = values['body-file'];
    if (!bodyFile) {
      io.stderr(`--body-file is required\n${help}\n`);
      return EXIT.usage;
    }
    let body: string;
    let rules;
    let changedFiles: string[] = [];
    try {
      body = bodyFile === '-' ? await readStdin() : await readText(io, bodyFile, 'body file');
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
      rules = ruleSet.rules;
      if (values['changed-files']) {
        changedFiles = (await readText(io, values['changed-files'], 'changed-files list'))
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '');
      } else if (needsChangedFiles(rules)) {
        io.stderr('note: some rules depend on changed files; pass --changed-files to apply them\n');
      }
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr(`shipshape plan-lint: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
    const labels = (values.labels ?? '')
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const result = lintPlan({ title: values.title ?? '', body, rules, labels, changedFiles, wip: 'fail' });
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
};
