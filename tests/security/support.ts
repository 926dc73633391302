import { normalizeMarkdown, parseMarkdown } from '../../packages/markdown/src/parse';
// Shared pieces of the end-to-end security suite: the hostile text every action is fed, the runner files read back
// raw (so nothing the harness tolerates can hide an injection), and the assertions every run must pass.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { mentionsIn, messageTexts, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import {
  parseFileCommands,
  parseWorkflowCommands,
  readActionYaml,
  runActionBundle,
  type RunOptions,
  type RunResult,
} from '@shipshape/testing/runner';

export { concurrentCases } from '../faults/support';

/** Every marker the hostile lines carry: none of them may come back as a command, an output, an env var or a path. */
export const PWNED = 'pwned';

/**
 * Lines that would be workflow commands if printed as they are: the documented commands, the legacy `##[` form,
 * leading whitespace (the runner trims it), and an escaped newline that a careless formatter would turn into a
 * second line. The `%0A` variants are harmless as plain text; they matter inside a command's message or properties.
 */
export const COMMAND_LINES = [
  `::set-output name=valid::${PWNED}`,
  `::set-env name=NODE_OPTIONS::--require=/tmp/${PWNED}`,
  `::add-path::/tmp/${PWNED}`,
  `::add-mask::${PWNED}-mask`,
  '::stop-commands::tok',
  `::error::fake ${PWNED}`,
  `::warning file=x,line=1::fake ${PWNED}`,
  `::notice::fake ${PWNED}`,
  `::debug::${PWNED}`,
  `::group::${PWNED}`,
  `::save-state name=x::${PWNED}`,
  `::echo::on`,
  `%0A::warning::${PWNED}-escaped`,
  `x%0D%0A::error::${PWNED}-escaped`,
  `   ::error::${PWNED}-indented`,
  `\t::add-mask::${PWNED}-tab`,
  `\u00a0::error::${PWNED}-nbsp`,
  `##[error]${PWNED}-legacy`,
  `##[set-output name=valid;]${PWNED}`,
  `ci/x ##[warning]${PWNED}-midline`,
  `build ##[add-mask]${PWNED}-midline-mask`,
  'tok::',
];

/** Lines aimed at GITHUB_OUTPUT / GITHUB_ENV heredocs: a guessable delimiter, the kit's delimiter shape, and k=v. */
export const FILE_COMMAND_LINES = [
  'EOF',
  'ghadelimiter_00000000-0000-0000-0000-000000000000',
  `${PWNED}<<EOF`,
  `${PWNED}=1`,
  'EOF',
  `valid=${PWNED}`,
  `NODE_OPTIONS=--require=/tmp/${PWNED}`,
];

/** The hostile lines joined with every line ending the runner splits on (LF, CRLF, a lone CR). */
export function hostileBlock(eol: '\n' | '\r\n' | '\r' = '\n'): string {
  return [...COMMAND_LINES, ...FILE_COMMAND_LINES].join(eol);
}

/** Everything mixed: LF, CRLF and lone CR in one text. */
export const HOSTILE_MIXED = `${COMMAND_LINES.slice(0, 7).join('\n')}\r\n${COMMAND_LINES.slice(7, 14).join('\r\n')}\r${COMMAND_LINES.slice(14).join('\r')}\n${FILE_COMMAND_LINES.join('\r\n')}`;

/** Slack mentions and disguised links that must never reach a message live. */
export const SLACK_HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S123>',
  '<!subteam^S123|@oncall>',
  '<@U123>',
  '<@W999|boss>',
  '&lt;!channel&gt;',
  '&amp;lt;!here&amp;gt;',
  '<https://evil.example|https://good.example>',
  '<mailto:x@evil.example|support>',
  '<https://evil.example>',
  '<!date^1392734382^{date}|x>',
  '<#C0SECRET|general>',
].join(' ');

/**
 * A Markdown link whose label is another URL. Markdown renders it as a link like any other; in Slack it becomes
 * `<https://evil.example/|https://good.example>`, the disguised link the mrkdwn rules forbid (kept apart from
 * SLACK_HOSTILE so the other checks still run where this one fails).
 */
export const DISGUISED_MARKDOWN_LINK = '[https://good.example](https://evil.example)';

/** HTML that must not render live in a job summary. */
export const HTML_HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<details><summary>open me',
  '<!-- swallow',
  '</table>',
].join(' ');

/** Runner file commands captured raw: the harness's own parse is lenient about things a test must see. */
export interface RawFiles {
  output: string;
  env: string;
  path: string;
  state: string;
}

export interface SecureRun {
  result: RunResult;
  raw: RawFiles;
}

/**
 * Runs a committed bundle with GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STATE pointed at files this suite
 * reads back raw. `result.outputs` is then re-parsed from the raw output file.
 */
export async function runSecure(options: RunOptions): Promise<SecureRun> {
  const dir = mkdtempSync(join(tmpdir(), 'security-files-'));
  const files = {
    output: join(dir, 'output'),
    env: join(dir, 'env'),
    path: join(dir, 'path'),
    state: join(dir, 'state'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const result = await runActionBundle({
    timeoutMs: 30_000,
    ...options,
    env: {
      ...options.env,
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_STATE: files.state,
    },
  });
  const raw = {
    output: readFileSync(files.output, 'utf8'),
    env: readFileSync(files.env, 'utf8'),
    path: readFileSync(files.path, 'utf8'),
    state: readFileSync(files.state, 'utf8'),
  };
  return {
    result: {
      ...result,
      outputs: parseFileCommands(raw.output),
      state: parseFileCommands(raw.state),
      exportedEnv: parseFileCommands(raw.env),
    },
    raw,
  };
}

/** Output names declared in an action's action.yml. */
export function declaredOutputs(action: string): string[] {
  const meta = readActionYaml(action) as { outputs?: Record<string, unknown> };
  return Object.keys(meta.outputs ?? {});
}

/** The runner's line splitting: LF, CRLF and a lone CR all end a line. */
export const runnerLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

export interface CommandExpectation {
  /** Workflow commands the action may print. */
  commands?: string[];
  /** Values the action itself masks (its secrets); any other ::add-mask:: came from the input. */
  masks?: string[];
}

/**
 * No workflow command came from the input: each command line on stdout (raw scan, as the runner reads it) is one
 * the action meant, carries no hostile marker, and the harness's parse agrees.
 */
export function expectNoInjectedCommands(result: RunResult, expectation: CommandExpectation = {}): void {
  const allowed = expectation.commands ?? ['add-mask', 'debug', 'error', 'warning', 'notice'];
  // The runner's view: every line (LF, CRLF or a lone CR ends one), leading whitespace trimmed. The harness's own
  // parse (result.commands) splits on LF only, so both are checked.
  const lines = runnerLines(result.stdout);
  // The legacy form is matched anywhere in a line (actions/runner ActionCommand.TryParse: `message.IndexOf("##[")`).
  expect(lines.filter((line) => line.includes('##['))).toEqual([]);
  const rawCommands = lines.flatMap((line) => parseWorkflowCommands(line));
  expect(rawCommands.length).toBe(
    lines.filter((line) => line.trimStart().startsWith('::') && /^::[A-Za-z][\w-]*(?: [^:]*)?::/.test(line.trimStart()))
      .length,
  );
  for (const command of [...rawCommands, ...result.commands]) {
    expect({ command: command.command, allowed: allowed.includes(command.command) }).toEqual({
      command: command.command,
      allowed: true,
    });
    // The action may quote hostile text inside its own message (escaped, on one line); a command whose message or
    // properties START with the hostile payload is the payload itself.
    expect({
      command,
      injected:
        /^(?:fake )?pwned/.test(command.message) || Object.values(command.properties).some((v) => v.includes(PWNED)),
    }).toEqual({ command, injected: false });
  }
  const masks = [...result.masks, ...rawCommands.filter((c) => c.command === 'add-mask').map((c) => c.message)];
  expect(masks.filter((m) => !(expectation.masks ?? []).some((own) => own === m || own.includes(m)))).toEqual([]);
  // stderr is not parsed for commands, but a hostile line there is still printed unescaped to the log.
  for (const line of runnerLines(result.stderr)) {
    expect({ stderr: line, command: line.trimStart().startsWith('::') || line.includes('##[') }).toEqual({
      stderr: line,
      command: false,
    });
  }
}

/**
 * GITHUB_OUTPUT holds only declared outputs, each written as a heredoc whose delimiter the input cannot guess (the
 * kit's `ghadelimiter_<uuid>`), and nothing at all reaches GITHUB_ENV, GITHUB_PATH or GITHUB_STATE.
 */
export function expectOnlyDeclaredOutputs(action: string, run: SecureRun): string[] {
  const declared = declaredOutputs(action);
  expect(Object.keys(run.result.outputs).filter((name) => !declared.includes(name))).toEqual([]);
  const delimiters: string[] = [];
  const lines = run.raw.output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (!heredoc) {
      // A single-line `name=value` is fine only for a declared name (the value cannot hold a newline).
      expect(declared).toContain(line.slice(0, line.indexOf('=')));
      continue;
    }
    const [, name = '', delimiter = ''] = heredoc;
    expect(declared).toContain(name);
    expect(delimiter).toMatch(/^ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    delimiters.push(delimiter);
    const end = lines.indexOf(delimiter, i + 1);
    expect(end).toBeGreaterThan(i);
    i = end;
  }
  expect({ env: run.raw.env, path: run.raw.path, state: run.raw.state }).toEqual({ env: '', path: '', state: '' });
  return delimiters;
}

/** The secret appears only in its own `::add-mask::` lines, which come before any other line of stdout. */
export function expectMaskedFirst(result: RunResult, secrets: string[]): void {
  const lines = runnerLines(result.stdout).filter((line) => line !== '');
  for (const secret of secrets) {
    const maskAt = lines.findIndex((line) => line === `::add-mask::${secret}`);
    expect({ secret, masked: maskAt >= 0 }).toEqual({ secret, masked: true });
    const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'));
    if (firstOther >= 0)
      expect({ secret, maskedBeforeOutput: maskAt < firstOther }).toEqual({ secret, maskedBeforeOutput: true });
  }
}

/** The secret (or any long piece of it) is nowhere but its mask line: not stdout, stderr, summary or outputs. */
export function expectSecretsHidden(result: RunResult, secrets: string[]): void {
  // Announced before anything else is printed: a message about a bad input must not come before the mask.
  const lines = result.stdout.split(/\r?\n/);
  const firstOther = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('::add-mask::'));
  const earlyMasks = lines
    .slice(0, firstOther < 0 ? lines.length : firstOther)
    .map((line) => line.slice('::add-mask::'.length));
  for (const secret of secrets)
    expect({ secret, maskedFirst: earlyMasks.includes(secret) }).toEqual({ secret, maskedFirst: true });
  const stdout = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const places = { stdout, stderr: result.stderr, summary: result.summary, outputs: JSON.stringify(result.outputs) };
  for (const secret of secrets) {
    // Distinctive pieces too: an error that prints half a URL or a token prefix leaks it as well.
    const pieces = [secret, ...distinctivePieces(secret)];
    for (const [where, text] of Object.entries(places)) {
      for (const piece of pieces)
        expect({ where, piece, leaked: text.includes(piece) }).toEqual({ where, piece, leaked: false });
    }
  }
}

/**
 * The parts of a secret that identify it on their own: a webhook URL's path segments after /services/, a token's body.
 */
function distinctivePieces(secret: string): string[] {
  const services = /\/services\/(.+)$/.exec(secret)?.[1];
  if (services) return [services, ...services.split('/').filter((part) => part.length >= 12)];
  const token = /^(?:xox[a-z]|gh[a-z])[-_](.+)$/.exec(secret)?.[1];
  return token && token.length >= 12 ? [token] : [];
}

/**
 * Every Slack text (fallback, blocks, fields, context) of every message and edit in the channels: no mention or
 * broadcast other than the ones the `mention` inputs asked for, and no link whose label disguises its target.
 */
export function expectNoSlackInjection(slack: SlackEmulator, channels: string[], allowedMentions: string[] = []): void {
  for (const channel of channels) {
    for (const message of slack.allMessages(channel)) {
      const versions = [message, ...message.edits];
      for (const version of versions) {
        for (const text of messageTexts(version)) {
          expect({ text, mentions: mentionsIn(text).filter((m) => !allowedMentions.includes(m)) }).toEqual({
            text,
            mentions: [],
          });
          expect({ text, disguised: disguisedLinks(text) }).toEqual({ text, disguised: [] });
          // Belt and braces beyond mentionsIn: no other control sequence (`<!date…>`, a stray `<!…`) starts live.
          const rest = allowedMentions.reduce((t, m) => t.split(m).join(''), text);
          expect({ text, control: /<[!@#]/.test(rest) }).toEqual({ text, control: false });
        }
      }
    }
  }
}

/** `<url|label>` links whose label looks like a URL or domain other than the target. */
export function disguisedLinks(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(/<([^<>|]+)\|([^<>]*)>/g)]
    .filter(
      ([, url = '', label = '']) =>
        /^(?:https?:\/\/|www\.)|\.[a-z]{2,}(?:\/|$)/i.test(label.trim()) && !sameHost(url, label.trim()),
    )
    .map((m) => m[0]);
}

function sameHost(url: string, label: string): boolean {
  try {
    return new URL(url).host === new URL(/^https?:/.test(label) ? label : `https://${label}`).host;
  } catch {
    return false;
  }
}

/** The job summary renders hostile HTML as text: no live tag from the input, no comment or details left open. */
/** The summary without its code blocks and code spans: GitHub shows their content as text, never as HTML. */
function outsideCode(summary: string): string {
  const text = normalizeMarkdown(summary);
  const cuts: [number, number][] = [];
  const visit = (node: {
    type: string;
    position?: { start: { offset?: number }; end: { offset?: number } };
    children?: unknown[];
  }): void => {
    if (
      (node.type === 'code' || node.type === 'inlineCode') &&
      node.position?.start.offset !== undefined &&
      node.position.end.offset !== undefined
    ) {
      cuts.push([node.position.start.offset, node.position.end.offset]);
      return;
    }
    for (const child of node.children ?? []) visit(child as Parameters<typeof visit>[0]);
  };
  visit(parseMarkdown(text) as unknown as Parameters<typeof visit>[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of cuts.sort((x, y) => x[0] - y[0])) {
    out += text.slice(at, start);
    at = end;
  }
  return out + text.slice(at);
}

export function expectSummaryEscaped(raw: string): void {
  const summary = outsideCode(raw);
  expect(summary).not.toMatch(/<script/i);
  expect(summary).not.toMatch(/<img[^>]*onerror/i);
  expect(summary).not.toMatch(/<\/table>/i);
  const opened = (summary.match(/<details\b/gi) ?? []).length;
  const closed = (summary.match(/<\/details>/gi) ?? []).length;
  expect(closed).toBe(opened);
  const comments = (summary.match(/<!--/g) ?? []).length;
  const commentEnds = (summary.match(/-->/g) ?? []).length;
  expect(commentEnds).toBeGreaterThanOrEqual(comments);
}

/**
 * Every node of a rendered summary that is live Markdown (a link, an image, HTML, emphasis, a footnote, math), after
 * the action's own bold labels and bold verdicts (`ownStructure`) are taken out: third-party text must show none.
 */
export function liveMarkdownNodes(summary: string, ownStructure?: RegExp): string[] {
  const found: string[] = [];
  const live = new Set([
    'link',
    'image',
    'linkReference',
    'imageReference',
    'html',
    'emphasis',
    'strong',
    'delete',
    'footnoteReference',
    'definition',
    'inlineMath',
    'math',
  ]);
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (live.has(node.type)) found.push(`${node.type}: ${JSON.stringify(node).slice(0, 200)}`);
    for (const child of node.children ?? []) visit(child as Parameters<typeof visit>[0]);
  };
  visit(
    parseMarkdown(
      normalizeMarkdown(ownStructure ? summary.replace(ownStructure, '') : summary),
    ) as unknown as Parameters<typeof visit>[0],
  );
  return found;
}
