// Extracting one version's section from a generated 5 MB, 5,000-version Keep a Changelog file: shipshape's scanner +
// remark (AST-correct), side by side in one process with the npm peers `changelog-parser` and `keep-a-changelog`
// and with a plain regex line scan (fast, not AST-correct), interleaved round by round in an order that rotates every
// round. Every time is reported as a ratio to the regex scan measured in the same run. See tests/bench/README.md.
// @ts-expect-error -- changelog-parser ships no type declarations; its shape is declared below.
import changelogParserUntyped from 'changelog-parser';
import { parser as keepAChangelog } from 'keep-a-changelog';
import { findVersionSection } from '@shipshape/changelog';
import { spawnSync } from 'node:child_process';
import { median, type BenchRow } from './support';

type ChangelogParser = (options: {
  text: string;
  removeMarkdown?: boolean;
}) => Promise<{ versions: { version: string | null; body: string }[] }>;
const changelogParser = changelogParserUntyped as ChangelogParser;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
/** keep-a-changelog takes seconds per parse: fewer rounds, still interleaved with the others. */
const SLOW_ROUNDS = Math.min(ROUNDS, 3);
const VERSIONS = 5_000;
/** Fresh processes per contender for the first-call figures (each runs one extraction). */
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 11);
/** The contenders timed cold: keep-a-changelog (seconds per call warm) is left out to keep the run short. */
const COLD_CONTENDERS = [
  'regex line scan (baseline, not AST-correct)',
  'shipshape findVersionSection',
  'changelog-parser',
];

function versionAt(i: number): string {
  return `${Math.floor(i / 100)}.${Math.floor(i / 10) % 10}.${i % 10}`;
}

/** A Keep a Changelog file: newest first, Added/Fixed subsections, PR links, compare links at the bottom. */
function generateChangelog(): { text: string; target: string; expectedFirst: string; expectedLast: string } {
  const parts = [
    '# Changelog',
    '',
    'All notable changes to this project are documented in this file.',
    '',
    '## [Unreleased]',
    '',
  ];
  const links: string[] = [];
  for (let i = VERSIONS; i >= 1; i--) {
    const v = versionAt(i);
    parts.push(
      `## [${v}] - 2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      '',
      '### Added',
      '',
    );
    for (let j = 0; j < 6; j++)
      parts.push(
        `- Feature ${i}.${j}: the deploy waits for staging and reports it ([#${i * 10 + j}](https://github.com/o/r/pull/${i * 10 + j}))`,
      );
    parts.push('', '### Fixed', '');
    for (let j = 0; j < 4; j++)
      parts.push(`- Fix ${i}.${j}: \`retry\` no longer doubles the wait under load (#${i * 7 + j})`);
    parts.push('');
    links.push(`[${v}]: https://github.com/o/r/compare/v${versionAt(i - 1)}...v${v}`);
  }
  const text = `${[...parts, ...links].join('\n')}\n`;
  const middle = Math.floor(VERSIONS / 2);
  return {
    text,
    target: versionAt(middle),
    expectedFirst: '### Added',
    expectedLast: `- Fix ${middle}.3: \`retry\` no longer doubles the wait under load (#${middle * 7 + 3})`,
  };
}

/**
 * The baseline: the first line that looks like the version's heading, up to the next `#`/`##` line. Not AST-correct.
 */
function regexScan(text: string, version: string): string {
  const lines = text.split('\n');
  const escaped = version.replace(/\./g, '\\.');
  const start = new RegExp(`^#{1,6}\\s+\\[?v?${escaped}\\]?(?:\\s|$)`);
  const next = /^#{1,2}\s/;
  let from = -1;
  for (let i = 0; i < lines.length; i++) {
    if (from === -1) {
      if (start.test(lines[i] ?? '')) from = i + 1;
    } else if (next.test(lines[i] ?? '')) {
      return lines.slice(from, i).join('\n').trim();
    }
  }
  return from === -1 ? '' : lines.slice(from).join('\n').trim();
}

type Contender = {
  label: string;
  rounds: number;
  extract: (text: string, version: string) => Promise<string> | string;
};

const contenders: Contender[] = [
  { label: 'regex line scan (baseline, not AST-correct)', rounds: ROUNDS, extract: regexScan },
  {
    label: 'shipshape findVersionSection',
    rounds: ROUNDS,
    extract: (text, v) => findVersionSection(text, v)?.ownBody ?? '',
  },
  // For reference (no goal): the usual release, the newest version at the top; the scanner stops after its section.
  {
    label: 'shipshape findVersionSection, newest version',
    rounds: ROUNDS,
    extract: (text) => findVersionSection(text, versionAt(VERSIONS))?.ownBody ?? '',
  },
  {
    label: 'changelog-parser',
    rounds: ROUNDS,
    extract: async (text, v) =>
      (await changelogParser({ text, removeMarkdown: false })).versions.find((x) => x.version === v)?.body ?? '',
  },
  {
    label: 'keep-a-changelog',
    rounds: SLOW_ROUNDS,
    extract: (text, v) => keepAChangelog(text).findRelease(v)?.toString() ?? '',
  },
];

/** In a child process: one extraction, the first of the process, timed; prints its milliseconds. */
async function firstCall(label: string): Promise<void> {
  const { text, target } = generateChangelog();
  const contender = contenders.find((c) => c.label === label);
  if (!contender) throw new Error(`no contender ${label}`);
  // A real run reads the file in one piece; building it here leaves garbage that would be collected during the call.
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  await contender.extract(text, target);
  console.log(performance.now() - started);
}

/**
 * What one action run pays: the first extraction in a fresh process (the code not yet optimized, regexes not yet
 * compiled, micromark's first parse), one process per round, the contenders rotating.
 */
function firstCallTimes(): Map<string, number[]> {
  const times = new Map<string, number[]>(COLD_CONTENDERS.map((label) => [label, []]));
  for (let round = 0; round < COLD_ROUNDS; round++) {
    const shift = round % COLD_CONTENDERS.length;
    for (const label of [...COLD_CONTENDERS.slice(shift), ...COLD_CONTENDERS.slice(0, shift)]) {
      const child = spawnSync(process.execPath, ['--expose-gc', process.argv[1] ?? '', '--first-call', label], {
        encoding: 'utf8',
      });
      const ms = Number(child.stdout.trim().split('\n').pop());
      if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`first call of ${label} failed: ${child.stderr}`);
      times.get(label)?.push(ms);
    }
  }
  return times;
}

async function main(): Promise<void> {
  const { text, target, expectedFirst, expectedLast } = generateChangelog();
  const times = new Map<string, number[]>(contenders.map((c) => [c.label, []]));
  const outputs = new Map<string, string>();
  for (let round = -1; round < ROUNDS; round++) {
    // The order rotates every round, so the garbage one contender leaves (keep-a-changelog's is hundreds of
    // megabytes) is collected during each of the others alike, not always during the one that runs next.
    const shift = ((round % contenders.length) + contenders.length) % contenders.length;
    for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
      if (round >= contender.rounds) continue;
      const started = performance.now();
      const body = await contender.extract(text, target);
      const elapsed = performance.now() - started;
      if (round >= 0) times.get(contender.label)?.push(elapsed);
      else outputs.set(contender.label, body);
    }
  }
  const baseline = median(times.get(contenders[0]?.label ?? '') ?? []);
  const ours = median(times.get('shipshape findVersionSection') ?? []);
  const parserMs = median(times.get('changelog-parser') ?? []);
  const rows: BenchRow[] = contenders.map((c) => {
    const ms = median(times.get(c.label) ?? []);
    const row: BenchRow = {
      label: `${c.label} (${times.get(c.label)?.length} rounds)`,
      medianMs: ms,
      ratio: ms / baseline,
    };
    if (c.label === 'shipshape findVersionSection')
      Object.assign(row, { goal: '≤ 2× the regex scan', met: ms / baseline <= 2 });
    return row;
  });
  rows.push({
    label: 'changelog-parser time / shipshape time',
    value: (parserMs / ours).toFixed(1),
    unit: '×',
    goal: '≥ 10×',
    met: parserMs / ours >= 10,
  });
  // For reference, no goal: the peer figures (regex ≈ 7 ms, changelog-parser ≈ 71 ms) match these first calls.
  const cold = firstCallTimes();
  const coldMedian = (label: string): number => median(cold.get(label) ?? []);
  const coldBaseline = coldMedian(COLD_CONTENDERS[0] ?? '');
  for (const label of COLD_CONTENDERS) {
    const ms = coldMedian(label);
    rows.push({
      label: `first call in a fresh process: ${label} (${COLD_ROUNDS} processes)`,
      medianMs: ms,
      ratio: ms / coldBaseline,
    });
  }
  rows.push({
    label: 'first call: changelog-parser time / shipshape time',
    value: (coldMedian('changelog-parser') / coldMedian('shipshape findVersionSection')).toFixed(1),
    unit: '×',
  });
  const body = outputs.get('shipshape findVersionSection') ?? '';
  const lines = body.split('\n');
  const correct = lines[0] === expectedFirst && lines.at(-1) === expectedLast;
  rows.push({ label: 'shipshape section is the expected verbatim slice', value: String(correct), met: correct });
  const notes = `${(text.length / 1e6).toFixed(1)} MB, ${VERSIONS} versions, extracting ${target} (the middle); medians after one warm-up round, and of first calls in fresh processes`;
  console.log(JSON.stringify({ name: 'changelog extraction', rows, notes }));
}

const firstCallOf = process.argv[2] === '--first-call' ? process.argv[3] : undefined;
(firstCallOf === undefined ? main() : firstCall(firstCallOf)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
