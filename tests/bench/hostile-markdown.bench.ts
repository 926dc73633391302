// Issue 15: the worst Markdown an attacker can hand each consumer — plan-lint (a PR body), changelog-release (a
// changelog section from a PR's tree) and the Slack notes renderer (deploy-notify's notes) — timed and measured for
// peak memory, each case in a fresh child process (its peak RSS is then the case's own), one at a time. Goals:
// ≤ 2 s and ≤ 300 MB per case. Baseline: the same consumer on a real-sized input, in the same harness, same run.
// See tests/bench/README.md.
import { spawnSync } from 'node:child_process';
import { findVersionSection } from '@shipshape/changelog';
import { measureMarkdown } from '../../packages/markdown/src/complexity';
import {
  DEFAULT_BLOCK_COMPLEXITY_LIMITS,
  DEFAULT_COMPLEXITY_LIMITS,
  judgeComplexity,
} from '../../packages/markdown/src/complexity-limits';
import { notesBlocks } from '@shipshape/slack/notes';
import { lintPlan } from '../../actions/plan-lint/src/lint';
import { rulesFromTemplate } from '../../actions/plan-lint/src/rules';
import { DEFAULT_PRESET, PRESETS } from '../../actions/plan-lint/src/preset';
import type { BenchRow } from './support';

const ROUNDS = Math.max(1, Number(process.env.BENCH_HOSTILE_ROUNDS ?? 3));
const GOAL_MS = 2_000;
const GOAL_MB = 300;
/**
 * Each child's heap cap: high enough to measure a consumer that is not bounded, low enough not to take the machine
 * down.
 */
const CHILD_HEAP_MB = 2_048;

const lines = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

/**
 * The most repetitions of `unit` (after `head`) that every complexity limit still accepts: the worst text still parsed.
 */
function largestAccepted(unit: string, head = '', blocksOnly = false): string {
  const limits = blocksOnly ? DEFAULT_BLOCK_COMPLEXITY_LIMITS : DEFAULT_COMPLEXITY_LIMITS;
  const accepted = (n: number): boolean =>
    judgeComplexity(measureMarkdown(head + unit.repeat(n)), limits, !blocksOnly).ok;
  let low = 1;
  let high = 2;
  while (accepted(high)) high *= 2;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (accepted(mid)) low = mid;
    else high = mid;
  }
  return head + unit.repeat(low);
}

/** A realistic description or notes text of `chars` characters (headings, emphasis, code, links, lists, a table). */
function realistic(chars: number): string {
  const section = (n: number): string =>
    [
      `## Section ${n}`,
      '',
      `This change moves the **${n}th** service to the new \`queue_worker\`; see [the design](https://example.com/design/${n}).`,
      '',
      ...Array.from(
        { length: 6 },
        (_, i) => `- [${i % 2 ? 'x' : ' '}] Step ${i}: run \`make deploy_${i}\` and check **${i}** dashboards`,
      ),
      '',
      '| Metric | Before | After |',
      '| --- | ---: | ---: |',
      ...Array.from({ length: 4 }, (_, i) => `| p${i}9 | ${i * 10} ms | ${i * 7} ms |`),
      '',
    ].join('\n');
  let text = '';
  for (let n = 1; text.length < chars; n++) text += section(n);
  return text.slice(0, chars);
}

/** The inputs: the issue's, the worst still accepted by the limits, and a real-sized baseline. */
const INPUTS: Record<string, () => string> = {
  'real-sized (8 KB, baseline)': () => realistic(8 * 1024),
  '1,000-level block quote ladder (980 KiB)': () => lines(1_000, (i) => `${'> '.repeat(i + 1)}level ${i}`),
  '1,000 × 100 table': () =>
    `${'| h '.repeat(100)}|\n${'| - '.repeat(100)}|\n${lines(1_000, (i) => `| ${i} `.repeat(100) + '|')}`,
  '30,000 link reference definitions': () => lines(30_000, (i) => `[d${i}]: https://example.com/${i}`),
  '`*_a` to 65,536 characters': () => '*_a'.repeat(21_845),
  '`**a_` to 65,536 characters': () => '**a_'.repeat(16_384),
  '80 KB of nested `>` and `- `': () => lines(4_000, (i) => `${'> - '.repeat((i % 10) + 1)}x`),
  'setext underlines: `a` / `=` to 65,536 characters': () => lines(16_384, () => 'a\n='),
  'largest accepted: tight list of `- a`': () => largestAccepted('- a\n'),
  'largest accepted: 1-character table cells': () => largestAccepted('|a|a|a|a|a|a|a|a|a|a|\n', '|a|b|\n|-|-|\n'),
  'largest accepted: `*a* ` emphasis': () => largestAccepted('*a* '),
  'largest accepted: `> ` ladder lines with a list': () => largestAccepted('> > > > > > > > > > - item\n'),
  'largest accepted: setext underlines': () => largestAccepted('a\n=\n'),
  'largest accepted: nested list items (40 deep)': () =>
    largestAccepted(lines(40, (i) => `${'  '.repeat(i)}- x`) + '\n'),
  'largest accepted: lazy lines under 20 quotes': () => largestAccepted('b\n', `${'> '.repeat(20)}a\n`),
  // What the changelog finder's block-only parses of a section accept (higher limits: they read no inline constructs).
  'largest accepted by block parses: tight list of `- a`': () => largestAccepted('- a\n', '', true),
  'largest accepted by block parses: 1-character table cells': () =>
    largestAccepted('|a|a|a|a|a|a|a|a|a|a|\n', '|a|b|\n|-|-|\n', true),
  'largest accepted by block parses: release of 68-character changes': () =>
    largestAccepted(`- change ${'z'.repeat(59)}\n`, '', true),
};

const changelogAround = (text: string): string =>
  `# Changelog\n\n## [1.0.0] - 2026-03-01\n\n${text}\n\n## [0.9.0] - 2026-02-01\n\n- Older.\n`;

/** What each consumer does with untrusted Markdown; returns its verdict in a word. */
const CONSUMERS: Record<string, (text: string) => string> = {
  'plan-lint (lintPlan, default preset)': (() => {
    let rules: ReturnType<typeof rulesFromTemplate>['rules'] | undefined;
    return (text: string) => {
      const preset = PRESETS[DEFAULT_PRESET];
      if (preset === undefined) throw new Error(`preset ${DEFAULT_PRESET} is missing`);
      rules ??= rulesFromTemplate(preset, `preset ${DEFAULT_PRESET}`).rules;
      const result = lintPlan({ title: 'Hostile', body: text, rules, labels: [], changedFiles: [], wip: 'fail' });
      return result.problems.some((p) => p.code === 'unreadable') ? 'unreadable' : 'linted';
    };
  })(),
  'changelog-release (findVersionSection, check mode)': (text) => {
    try {
      return findVersionSection(changelogAround(text), '1.0.0') ? 'section' : 'no section';
    } catch (error) {
      return `refused (${error instanceof Error ? error.constructor.name : typeof error})`;
    }
  },
  'Slack notes renderer (notesBlocks)': (text) => `${notesBlocks(text).length} blocks`,
};

interface CaseResult {
  ms: number;
  /** CPU time of the consumer call (user + system): less sensitive than `ms` to other work on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  verdict: string;
}

/** In the child: build the input, run the consumer once, report its time, the process's peak RSS and the verdict. */
function runCase(consumer: string, input: string): void {
  const text = (INPUTS[input] as () => string)();
  const run = CONSUMERS[consumer] as (text: string) => string;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const verdict = run(text);
  const cpu = process.cpuUsage(cpuBefore);
  const ms = performance.now() - started;
  const result: CaseResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    verdict,
  };
  console.log(JSON.stringify(result));
}

function spawnCase(consumer: string, input: string): CaseResult | { error: string } {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MB}`, process.argv[1] as string], {
    env: { ...process.env, HOSTILE_MARKDOWN_CASE: JSON.stringify([consumer, input]) },
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as CaseResult;
  } catch {
    const why = /heap out of memory/.test(child.stderr)
      ? 'out of memory'
      : child.signal
        ? `killed (${child.signal})`
        : `exit ${child.status}`;
    return { error: `${why}: ${child.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 200)}` };
  }
}

function main(): void {
  const rows: BenchRow[] = [];
  for (const consumer of Object.keys(CONSUMERS)) {
    let baseline: { ms: number; mb: number } | undefined;
    for (const input of Object.keys(INPUTS)) {
      const results: CaseResult[] = [];
      let failure: string | undefined;
      for (let round = 0; round < ROUNDS && failure === undefined; round++) {
        const result = spawnCase(consumer, input);
        if ('error' in result) failure = result.error;
        else results.push(result);
      }
      const label = `${consumer}: ${input}`;
      if (failure !== undefined) {
        rows.push({ label, error: failure, goal: `≤ ${GOAL_MS} ms, ≤ ${GOAL_MB} MB`, met: false });
        continue;
      }
      const worstMs = Math.max(...results.map((r) => r.ms));
      const worstMb = Math.max(...results.map((r) => r.maxRssMb));
      const worstCpuMs = Math.max(...results.map((r) => r.cpuMs));
      baseline ??= { ms: worstMs, mb: worstMb };
      const verdict = results[0]?.verdict ?? '';
      rows.push({
        label: `${label} → ${verdict}: worst time`,
        medianMs: worstMs,
        ratio: worstMs / baseline.ms,
        goal: `≤ ${GOAL_MS} ms`,
        met: worstMs <= GOAL_MS,
      });
      rows.push({ label: `${label}: worst CPU time`, medianMs: worstCpuMs });
      rows.push({
        label: `${label}: peak RSS of the process`,
        value: Math.round(worstMb),
        unit: 'MB',
        ratio: worstMb / baseline.mb,
        goal: `≤ ${GOAL_MB} MB`,
        met: worstMb <= GOAL_MB,
      });
    }
  }
  console.log(
    JSON.stringify({
      name: 'hostile-markdown',
      rows,
      notes: `each case in a fresh process (heap capped at ${CHILD_HEAP_MB} MB), worst of ${ROUNDS} rounds (BENCH_HOSTILE_ROUNDS); ratios against the first row of each consumer (a real-sized 8 KB text) in the same run; peak RSS includes the process (Node and the bundle, ~50 MB)`,
    }),
  );
}

const selected = process.env.HOSTILE_MARKDOWN_CASE;
if (selected) {
  const [consumer, input] = JSON.parse(selected) as [string, string];
  runCase(consumer, input);
} else {
  main();
}
