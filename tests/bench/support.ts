// Shared helpers of the benchmarks (not a benchmark itself: run.mjs only runs *.bench.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { REPO_ROOT, actionDir } from '@shipshape/testing/runner';

/** One line of the printed table (run.mjs formats it). */
export interface BenchRow {
  label: string;
  medianMs?: number;
  ratio?: number;
  value?: number | string;
  unit?: string;
  goal?: string;
  met?: boolean;
  error?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** `v24.21.0` → `24.21.0`. */
export function nodeVersion(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
}

/**
 * The machine's Node 20. run.mjs runs the benchmarks on Node 24, so this process is not Node 20 and neither may be
 * the first `node` on PATH: look through PATH (and SHIPSHAPE_NODE20) for a binary that says v20.
 */
export function findNode20(): string | undefined {
  const candidates = [
    process.env.SHIPSHAPE_NODE20,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node')),
    '/usr/bin/node',
    '/usr/local/bin/node',
  ];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      if (nodeVersion(candidate).startsWith('20.')) return candidate;
    } catch {
      // not runnable: try the next one
    }
  }
  return undefined;
}

export function bundlePath(action: string): string {
  return join(actionDir(action), 'dist/index.js');
}

/** Sizes of an action's committed bundle, or undefined when it has none yet. */
export function bundleSize(action: string): { indexBytes: number; distBytes: number } | undefined {
  const index = bundlePath(action);
  if (!existsSync(index)) return undefined;
  const dist = join(actionDir(action), 'dist');
  const distBytes = readdirSync(dist, { recursive: true })
    .map((name) => join(dist, String(name)))
    .filter((path) => statSync(path).isFile())
    .reduce((sum, path) => sum + statSync(path).size, 0);
  return { indexBytes: statSync(index).size, distBytes };
}

export { REPO_ROOT };
