// Markdown → Slack mrkdwn on 100 KB of release notes: packages/slack's renderer (markdown-it → the remark AST →
// mrkdwn) against the npm package slackify-markdown (the baseline) and against the same renderer fed by remark-parse +
// remark-gfm (the reference it replaced), interleaved round by round in one process, medians after warm-up. Also
// checks what each does with mentions and links written in the notes (untrusted text must not ping or disguise
// links). See tests/bench/README.md.
import slackifyMarkdown from 'slackify-markdown';
import { markdownToMrkdwn } from '@shipshape/slack';
import { markdownToMrkdwnByRemark } from '../../packages/slack/src/mrkdwn-remark';
import { median, type BenchRow } from './support';

const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 21));
const TARGET_BYTES = 100 * 1024;
const GOAL_SPEEDUP = 10;

/** Release notes as projects write them: headings, lists, emphasis, links, code, a table, quotes. */
function releaseNotes(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const section = [
      `## [${Math.floor(i / 10)}.${i % 10}.0] - 2026-03-${String((i % 28) + 1).padStart(2, '0')}`,
      '',
      '### Added',
      '',
      `- **Deploy window** for \`deploy-guard\`, with _time zones_ and ~~no~~ blackout dates ([#${1000 + i}](https://github.com/octo-org/octo-repo/pull/${1000 + i}))`,
      `- Nested item:\n  - child with a [link](https://example.com/${i}) and \`code\`\n    1. ordered grandchild`,
      '',
      '### Fixed',
      '',
      `1. A crash when the changelog is empty (thanks @octocat).`,
      `2. Escaping of <angle> & ampersands in notes; <!channel> and <https://evil.example|https://bank.example> stay text.`,
      '',
      '> **Note**: upgrading needs a re-run of the workflow.',
      '',
      '```sh',
      `npx shipshape changelog --version ${i}.0.0`,
      '```',
      '',
      '| input | default |',
      '| --- | --- |',
      `| poll-interval | ${i % 30} |`,
      '',
    ].join('\n');
    parts.push(section);
    size += Buffer.byteLength(section) + 1;
  }
  return parts.join('\n');
}

function time(render: () => string): { ms: number; out: string } {
  const started = performance.now();
  const out = render();
  return { ms: performance.now() - started, out };
}

type Renderer = 'ours' | 'remark' | 'peer';

const RENDER: Record<Renderer, (notes: string) => string> = {
  ours: markdownToMrkdwn,
  remark: markdownToMrkdwnByRemark,
  peer: (notes) => slackifyMarkdown(notes),
};

async function main(): Promise<void> {
  const notes = releaseNotes(TARGET_BYTES);
  const times: Record<Renderer, number[]> = { ours: [], remark: [], peer: [] };
  const outputs: Record<Renderer, string> = { ours: '', remark: '', peer: '' };
  const order: Renderer[] = ['ours', 'remark', 'peer'];
  for (let round = -2; round < ROUNDS; round++) {
    // Rotate who goes first, so none always runs on a cache another warmed.
    const shift = ((round % order.length) + order.length) % order.length;
    for (const who of [...order.slice(shift), ...order.slice(0, shift)]) {
      const r = time(() => RENDER[who](notes));
      outputs[who] = r.out;
      if (round >= 0) times[who].push(r.ms);
    }
  }
  const oursMs = median(times.ours);
  const remarkMs = median(times.remark);
  const peerMs = median(times.peer);
  const speedup = peerMs / oursMs;
  const pings = (text: string): number => (text.match(/<!(channel|here|everyone)>|<!subteam\^/g) ?? []).length;
  const disguised = (text: string): number => (text.match(/<https:\/\/evil\.example\|/g) ?? []).length;
  const rows: BenchRow[] = [
    { label: `slackify-markdown, ${Math.round(Buffer.byteLength(notes) / 1024)} KB notes`, medianMs: peerMs, ratio: 1 },
    {
      label: 'packages/slack markdownToMrkdwn (markdown-it → mdast), same notes',
      medianMs: oursMs,
      ratio: oursMs / peerMs,
      goal: `≥ ${GOAL_SPEEDUP}× faster than slackify-markdown`,
      met: speedup >= GOAL_SPEEDUP,
    },
    {
      label: 'same renderer fed by remark-parse + remark-gfm (the reference it replaced)',
      medianMs: remarkMs,
      ratio: remarkMs / peerMs,
    },
    { label: 'speed-up over slackify-markdown', value: `${speedup.toFixed(1)}×` },
    { label: 'speed-up over the remark-fed renderer', value: `${(remarkMs / oursMs).toFixed(1)}×` },
    {
      label: 'markdown-it and remark front ends give the same mrkdwn for these notes',
      value: outputs.ours === outputs.remark ? 'yes' : 'no',
      goal: 'yes',
      met: outputs.ours === outputs.remark,
    },
    {
      label: 'mentions that ping (<!channel> …) in the output: ours',
      value: pings(outputs.ours),
      goal: '0',
      met: pings(outputs.ours) === 0,
    },
    { label: 'mentions that ping (<!channel> …) in the output: slackify-markdown', value: pings(outputs.peer) },
    {
      label: 'disguised links from the notes in the output: ours',
      value: disguised(outputs.ours),
      goal: '0',
      met: disguised(outputs.ours) === 0,
    },
    { label: 'disguised links from the notes in the output: slackify-markdown', value: disguised(outputs.peer) },
  ];
  console.log(
    JSON.stringify({
      name: 'mrkdwn',
      rows,
      notes: `median of ${ROUNDS} interleaved rounds after 2 warm-up rounds, one process`,
    }),
  );
}

await main();
