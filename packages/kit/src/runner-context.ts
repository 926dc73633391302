import { readFileSync } from 'node:fs';
import { ConfigError, messageOf } from './errors';

/**
 * What the runner tells a step about its run, read once from the environment and the event file. The event payload
 * has one error policy for every action: no GITHUB_EVENT_PATH (or no file there) is an empty payload, as for a
 * local run; a file that is not a JSON object (`null`, `{`, an array) is a clear error naming the file.
 */
export interface RunnerContext {
  /** `owner/repo`, empty when unknown. */
  repository: string;
  owner: string;
  repo: string;
  eventName: string;
  /** The webhook payload of the event; each action narrows the fields it reads. */
  payload: Record<string, unknown>;
  /** 0 when unknown. */
  runId: number;
  /** 1 for the first attempt; grows with each re-run. */
  runAttempt: number;
  /** GITHUB_RUN_NUMBER: the run's number within its workflow (`#7`); 0 when unknown. */
  runNumber: number;
  /** GITHUB_WORKFLOW: the workflow's name, empty when unknown. */
  workflow: string;
  sha: string;
  ref: string;
  actor: string;
  triggeringActor: string;
  /** Without a trailing slash. */
  serverUrl: string;
  /** GITHUB_API_URL, or undefined to let the client choose api.github.com. */
  apiUrl: string | undefined;
  /** GITHUB_WORKSPACE, else the current directory. */
  workspace: string;
}

export type Environment = Record<string, string | undefined>;

function readPayload(path: string | undefined, read: (path: string) => string): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'ENOENT') return {};
    throw new ConfigError(`The event file at GITHUB_EVENT_PATH (${path}) cannot be read: ${messageOf(error)}.`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The event file at GITHUB_EVENT_PATH (${path}) is not valid JSON: ${messageOf(error)}.`, {
      cause: error,
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      `The event file at GITHUB_EVENT_PATH (${path}) holds ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}; expected a JSON object (the webhook payload).`,
    );
  }
  return value as Record<string, unknown>;
}

const positiveInteger = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

export function readRunnerContext(
  env: Environment = process.env,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): RunnerContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const slash = repository.indexOf('/');
  return {
    repository,
    owner: slash > 0 ? repository.slice(0, slash) : '',
    repo: slash > 0 ? repository.slice(slash + 1) : '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH, read),
    runId: positiveInteger(env.GITHUB_RUN_ID, 0),
    runAttempt: positiveInteger(env.GITHUB_RUN_ATTEMPT, 1),
    runNumber: positiveInteger(env.GITHUB_RUN_NUMBER, 0),
    workflow: env.GITHUB_WORKFLOW ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || '',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: env.GITHUB_API_URL || undefined,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
}
