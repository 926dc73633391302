import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import type { ContractTarget } from './target';

/**
 * An action's committed bundle run as tests/e2e run it (runActionBundle), pointed at the target: its API URL,
 * repository, token and web address. Live runs get more time: GitHub spaces writes a second apart.
 */
export function runOnTarget(
  t: ContractTarget,
  options: Omit<RunOptions, 'apiUrl' | 'repository' | 'token'>,
): Promise<RunResult> {
  return runActionBundle({
    timeoutMs: t.mode === 'live' ? 180_000 : 60_000,
    ...options,
    apiUrl: t.apiUrl,
    repository: t.repository,
    token: t.token,
    env: { GITHUB_SERVER_URL: t.serverUrl, ...options.env },
  });
}

/** A fresh workspace holding `files`. */
export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-live-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Planted in untrusted text as `::error::<marker>` and `::add-mask::<marker>` lines. */
export const INJECTED = 'shipshape-live-injected';

/** Workflow commands the planted lines became: none, when the action kept untrusted text from the runner. */
export function injectedCommands(result: RunResult): string[] {
  return parseWorkflowCommands(result.stdout)
    .filter((c) => c.message === INJECTED)
    .map((c) => `::${c.command}::${c.message}`);
}
