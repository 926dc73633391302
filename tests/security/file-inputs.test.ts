import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import { runActionBundle, type RunResult } from '@shipshape/testing/runner';
import { expectNoInjectedCommands } from './support';

/**
 * File inputs and the event file, attacked through the committed bundles: every action reads files named by its
 * inputs through kit's confined workspace reader, and the event file through one runner context. A path out of the
 * workspace, a symbolic link out of it, a folder, a FIFO or a file that is not UTF-8 ends in a clear error naming the
 * input; the file's content is never shown, posted or written to an output.
 */

/** A value only the runner's environment holds: if it appears anywhere, a file input read the environment. */
const CANARY = 'CANARY_7f3a9c_RUNNER_ENV_SECRET';

let slack: SlackEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator({ channels: ['C0FILES'] });
});
afterAll(() => slack.close());

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'file-inputs-'));
}

function expectNothingLeaked(result: RunResult, ...secrets: string[]): void {
  for (const secret of [CANARY, ...secrets]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    expect(result.summary).not.toContain(secret);
    expect(JSON.stringify(result.outputs)).not.toContain(secret);
  }
  expect(result.failure ?? '').not.toMatch(/Unexpected error/);
  expectNoInjectedCommands(result, { masks: result.masks });
}

describe('deploy-notify notes-file', () => {
  const notify = (ws: string, notesFile: string): Promise<RunResult> =>
    runActionBundle({
      action: 'deploy-notify',
      workspace: ws,
      inputs: {
        'webhook-url': slack.webhookUrl('C0FILES'),
        status: 'succeeded',
        version: '1.0.0',
        'notes-file': notesFile,
      },
      env: { SHIPSHAPE_CANARY: CANARY },
      timeoutMs: 30_000,
    });

  it('refuses RELEASE_NOTES.md -> /proc/self/environ and posts nothing', async () => {
    const ws = workspace();
    symlinkSync('/proc/self/environ', join(ws, 'RELEASE_NOTES.md'));
    slack.reset();
    const result = await notify(ws, 'RELEASE_NOTES.md');
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(
      `Input 'notes-file': "RELEASE_NOTES.md" leads outside the workspace through a symbolic link; it is not read.`,
    );
    expect(slack.allMessages('C0FILES')).toHaveLength(0);
    expectNothingLeaked(result);
  });

  it.each(['/proc/self/environ', '../../../../proc/self/environ'])(
    'refuses the path %j as outside the workspace',
    async (path) => {
      slack.reset();
      const result = await notify(workspace(), path);
      expect(result.exitCode).toBe(1);
      expect(result.failure).toMatch(/^Input 'notes-file' is invalid: expected a relative path inside the workspace/);
      expect(slack.allMessages('C0FILES')).toHaveLength(0);
      expectNothingLeaked(result);
    },
  );

  it('refuses a folder and a file that is not UTF-8, naming them', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'notes'));
    writeFileSync(join(ws, 'latin1.md'), Buffer.from('- caf\xe9\n', 'latin1'));
    const folder = await notify(ws, 'notes');
    expect(folder.failure).toBe(`Input 'notes-file': "notes" is a folder; expected a file.`);
    const latin1 = await notify(ws, 'latin1.md');
    expect(latin1.failure).toBe(`Input 'notes-file': "latin1.md" is not UTF-8 text; save it as UTF-8.`);
    expect(slack.allMessages('C0FILES')).toHaveLength(0);
  });
});

describe('deploy-guard blackout', () => {
  const guard = (ws: string, blackout: string): Promise<RunResult> =>
    runActionBundle({
      action: 'deploy-guard',
      workspace: ws,
      // Settings are read before any request: no GitHub is needed to prove the file is refused.
      apiUrl: 'http://127.0.0.1:9',
      inputs: { window: 'daily 00:00-24:00 UTC', blackout, queue: 'false', 'commit-gate': 'false' },
      env: { SHIPSHAPE_CANARY: CANARY },
      timeoutMs: 30_000,
    });

  it('does not read /etc/passwd, nor echo it in the error', async () => {
    const result = await guard(workspace(), '/etc/passwd');
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/^Input 'blackout' is invalid: expected a relative path inside the workspace/);
    expectNothingLeaked(result, 'root:x:0:0');
  });

  it('refuses a blackout file linked out of the workspace', async () => {
    const ws = workspace();
    symlinkSync('/etc/passwd', join(ws, 'blackout.txt'));
    const result = await guard(ws, 'blackout.txt');
    expect(result.failure).toBe(
      `Input 'blackout': "blackout.txt" leads outside the workspace through a symbolic link; it is not read.`,
    );
    expectNothingLeaked(result, 'root:x:0:0');
  });

  it('names a folder as a folder instead of EISDIR', async () => {
    const ws = workspace();
    mkdirSync(join(ws, 'calendar'));
    const result = await guard(ws, 'calendar');
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(`Input 'blackout': "calendar" is a folder; expected a file.`);
  });
});

describe('changelog-release changelog', () => {
  it('says which file is not UTF-8 instead of publishing replacement characters', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'CHANGELOG.md'), Buffer.from('## 1.2.3\n\n- Caf\xe9 menu\n', 'latin1'));
    const result = await runActionBundle({
      action: 'changelog-release',
      workspace: ws,
      inputs: { mode: 'check', version: '1.2.3' },
      timeoutMs: 30_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(`Input 'changelog': "CHANGELOG.md" is not UTF-8 text; save it as UTF-8.`);
    expect(result.outputs.notes).toBeUndefined();
  });

  it('refuses a changelog linked out of the workspace', async () => {
    const ws = workspace();
    symlinkSync('/proc/self/environ', join(ws, 'CHANGELOG.md'));
    const result = await runActionBundle({
      action: 'changelog-release',
      workspace: ws,
      inputs: { mode: 'check', version: '1.2.3' },
      env: { SHIPSHAPE_CANARY: CANARY },
      timeoutMs: 30_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/"CHANGELOG\.md" leads outside the workspace through a symbolic link/);
    expectNothingLeaked(result);
  });
});

describe('the event file (GITHUB_EVENT_PATH)', () => {
  const actions: [string, Record<string, string>][] = [
    ['plan-lint', {}],
    ['changelog-release', { mode: 'check', version: '1.0.0' }],
    ['deploy-guard', { queue: 'false', 'commit-gate': 'false' }],
    ['deploy-notify', { 'webhook-url': 'http://127.0.0.1:9/services/T0/B0/x', status: 'started' }],
  ];
  const cases: [string, string, RegExp][] = [
    [
      'null',
      'null',
      /^The event file at GITHUB_EVENT_PATH \(.+\) holds null; expected a JSON object \(the webhook payload\)\.$/,
    ],
    ['a cut-off object', '{', /^The event file at GITHUB_EVENT_PATH \(.+\) is not valid JSON: /],
  ];
  for (const [action, inputs] of actions) {
    it.each(cases)(
      `${action}: an event file holding %s is a clear error, not "Unexpected error"`,
      async (_name, text, message) => {
        const dir = workspace();
        const eventPath = join(dir, 'event.json');
        writeFileSync(eventPath, text);
        const result = await runActionBundle({
          action,
          workspace: workspace(),
          apiUrl: 'http://127.0.0.1:9',
          inputs,
          event: { name: 'pull_request', payload: {} },
          env: { GITHUB_EVENT_PATH: eventPath },
          timeoutMs: 30_000,
        });
        expect(result.exitCode).toBe(1);
        expect(result.failure).toMatch(message);
      },
    );
  }
});
