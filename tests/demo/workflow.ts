import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT, readActionYaml, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { interpolate, shouldRun, type ExpressionContext } from './expressions';
import type { Step } from '../workflows/model';

/**
 * Runs one job of an example workflow, step by step, as the runner would: `if:` conditions, `with:` and
 * `env:` expressions (GitHub's expression engine), our actions' committed bundles through the runner
 * harness, outputs carried to later steps, the job status updated after a failing step. What GitHub's
 * runner would do that needs a real machine — checking out, running the deploy script — is announced,
 * not pretended.
 */

/** A step as the example workflows write it (the same model the workflow tests use). */
export type WorkflowStep = Step;

export interface StepReport {
  step: WorkflowStep;
  title: string;
  action?: string;
  status: 'success' | 'failure' | 'skipped' | 'not-built' | 'placeholder';
  inputs: Record<string, string>;
  result?: RunResult;
}

export interface JobRunOptions {
  /** Runner settings shared by every step (repository, sha, ref, event, apiUrl, workspace, …). */
  runner: Omit<RunOptions, 'action' | 'inputs'>;
  /** Called after each step so the narrative is printed as the job goes. */
  onStep: (report: StepReport) => void;
  /** Called before each action step starts (e.g. to print what it is about to wait for). */
  onStart?: (title: string, action: string) => void;
  /** Inputs the demo adds per action on top of the workflow's `with:` (e.g. the Slack emulator's URL). */
  overrides?: Record<string, Record<string, string>>;
  /** What a `run:` step (the deploy placeholder) does here; default: it succeeds. */
  runScript?: (step: WorkflowStep) => 'success' | 'failure';
  /** Inputs whose values are secrets: shown as *** in the narrative. */
  secretValues: string[];
}

const OUR_ACTION = /^[\w.-]+\/shipshape\/actions\/([\w-]+)@[\w.-]+$/;

export function readJob(file: string, jobId: string): WorkflowStep[] {
  const workflow = parseYaml(readFileSync(join(REPO_ROOT, 'workflows-examples', file), 'utf8')) as {
    jobs?: Record<string, { steps?: WorkflowStep[] }>;
  };
  const steps = workflow.jobs?.[jobId]?.steps;
  if (!steps) throw new Error(`workflows-examples/${file} has no job '${jobId}'`);
  return steps;
}

export async function runJob(
  steps: WorkflowStep[],
  ctx: ExpressionContext,
  options: JobRunOptions,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (const step of steps) {
    const title = step.name ?? step.uses ?? step.id ?? 'step';
    const action = step.uses === undefined ? undefined : OUR_ACTION.exec(step.uses)?.[1];
    if (!shouldRun(step.if, ctx)) {
      const report: StepReport = { step, title, status: 'skipped', inputs: {}, ...(action ? { action } : {}) };
      reports.push(report);
      options.onStep(report);
      continue;
    }
    const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, ctx)]));
    let report: StepReport;
    if (action) {
      if (
        !existsSync(join(REPO_ROOT, 'actions', action, 'dist', 'index.js')) ||
        !existsSync(join(REPO_ROOT, 'actions', action, 'action.yml'))
      ) {
        report = { step, title, action, status: 'not-built', inputs };
      } else {
        options.onStart?.(title, action);
        // Expression defaults (`${{ job.status }}`, `${{ github.token }}`) are evaluated here, against this
        // job's state, as the runner would; the harness alone only knows a job that is still succeeding.
        const defaults: Record<string, string> = {};
        for (const [name, spec] of Object.entries(readActionYaml(action).inputs ?? {})) {
          if (!(name in inputs) && typeof spec.default === 'string' && spec.default.includes('${{'))
            defaults[name] = interpolate(spec.default, ctx);
        }
        const result = await runActionBundle({
          ...options.runner,
          action,
          inputs: { ...defaults, ...inputs, ...options.overrides?.[action] },
        });
        const ok = result.exitCode === 0;
        report = { step, title, action, status: ok ? 'success' : 'failure', inputs, result };
        if (step.id)
          ctx.steps[step.id] = {
            outputs: result.outputs,
            outcome: ok ? 'success' : 'failure',
            conclusion: ok ? 'success' : 'failure',
          };
        if (!ok) ctx.job.status = 'failure';
      }
    } else if (step.run !== undefined) {
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v, ctx)]));
      const outcome = options.runScript?.(step) ?? 'success';
      report = { step, title, status: outcome === 'success' ? 'placeholder' : 'failure', inputs: env };
      if (step.id) ctx.steps[step.id] = { outputs: {}, outcome, conclusion: outcome };
      if (outcome === 'failure') ctx.job.status = 'failure';
    } else {
      report = { step, title, status: 'placeholder', inputs };
    }
    reports.push(report);
    options.onStep(report);
  }
  return reports;
}
