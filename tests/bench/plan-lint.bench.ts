// Linting a 1 MB pull-request description (issue 3's figure) against the floor every remark-based linter pays: one
// remark + remark-gfm parse of the same text, interleaved in one process, medians. GitHub caps PR bodies at 65,536
// characters, so 1 MB is a stress figure; a real body is also timed. See tests/bench/README.md.
import { normalizeMarkdown, parseMarkdown } from '../../packages/markdown/src/parse';
import { lintPlan } from '../../actions/plan-lint/src/lint';
import { rulesFromTemplate } from '../../actions/plan-lint/src/rules';
import { DEFAULT_PRESET, PRESETS } from '../../actions/plan-lint/src/preset';
import { median, type BenchRow } from './support';

const ROUNDS = Math.max(3, Number(process.env.BENCH_PLAN_ROUNDS ?? 3));

/** A filled-in plan whose verification section carries `bytes` of realistic Markdown (lists, code, tables, links). */
function body(bytes: number): string {
  const head = [
    '## Solution',
    '**Original issue and supporting materials**: #1234, see the design doc.',
    '**Downsides**: None.',
    '## Roll-out plan',
    '**Deployment risks**: The migration locks the orders table for about a second.',
    '**Deployment assistants**: @octocat',
    '**Backing services related changes**: N/A',
    '**Backuping steps**: Snapshot the database before the migration.',
    '**Deployment steps**:',
    '  1. [ ] Run the migration',
    '  2. [ ] Deploy the web tier',
    '## Rollback strategy',
    'Revert the merge commit and redeploy the previous tag; the migration is reversible.',
    '## Verification plan',
  ].join('\n');
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const chunk = [
      '',
      `### Check ${i}`,
      '',
      `1. Open the [dashboard](https://grafana.example.com/d/${i}) and check that **error rate** stays below _0.1%_.`,
      `2. Run \`curl -s https://api.example.com/health/${i}\` and expect \`200\`:`,
      '   ```sh',
      `   curl -fsS https://api.example.com/orders/${i} | jq .status`,
      '   ```',
      `- [ ] Confirm with the on-call engineer (<@U${i}>) ~~before~~ after the deploy.`,
      '',
      '| metric | before | after |',
      '| --- | --- | --- |',
      `| p95 latency | ${i % 300} ms | ${(i % 300) + 5} ms |`,
      '',
      '> Note: numbers are from the staging run.',
    ].join('\n');
    parts.push(chunk);
    size += chunk.length + 1;
  }
  return parts.join('\n');
}

function time<T>(fn: () => T): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const presetText = PRESETS[DEFAULT_PRESET];
  if (presetText === undefined) throw new Error(`plan-lint bench: preset ${DEFAULT_PRESET} is missing`);
  const { rules } = rulesFromTemplate(presetText, `preset ${DEFAULT_PRESET}`);
  const rows: BenchRow[] = [];
  for (const [label, bytes, rounds] of [
    ['real-sized body (8 KB)', 8 * 1024, 21],
    ['1 MB body', 1024 * 1024, ROUNDS],
  ] as const) {
    const text = body(bytes);
    const input = { title: 'Add gift cards', body: text, rules, labels: [], changedFiles: [], wip: 'fail' as const };
    const check = lintPlan(input);
    if (!check.valid)
      throw new Error(`plan-lint bench: the ${label} should pass, got ${JSON.stringify(check.problems).slice(0, 300)}`);
    const lint: number[] = [];
    const parse: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['parse', 'lint'] : ['lint', 'parse'];
      for (const who of order) {
        if (who === 'lint') lint.push(time(() => lintPlan(input)));
        else parse.push(time(() => parseMarkdown(normalizeMarkdown(text))));
      }
    }
    const parseMs = median(parse);
    const lintMs = median(lint);
    rows.push({ label: `${label}: one remark + remark-gfm parse (baseline)`, medianMs: parseMs, ratio: 1 });
    rows.push({ label: `${label}: plan-lint lintPlan (parse + rules)`, medianMs: lintMs, ratio: lintMs / parseMs });
  }
  console.log(
    JSON.stringify({
      name: 'plan-lint',
      rows,
      notes: `medians of interleaved rounds (1 MB: ${ROUNDS}, 8 KB: 21), default preset rules, one process`,
    }),
  );
}

await main();
