import { describe, expect, it } from '@jest/globals';
import { FakeClock, MemoryLogger } from '@shipshape/kit';
import { readSettings, type Settings } from '../../../actions/deploy-record/src/inputs';
import { Inputs, mapInputSource } from '@shipshape/kit';
import {
  MAX_ISSUE_BODY_CHARS,
  approvedByText,
  issueBody,
  markerPrefix,
  untouched,
  type RunFacts,
} from '../../../actions/deploy-record/src/postmortem';
import { recordDeploy } from '../../../actions/deploy-record/src/record';
import { BUILT_IN_TEMPLATE, PLACEHOLDERS, type PlaceholderValues } from '../../../actions/deploy-record/src/template';
import { FakePostmortemPort } from './fake-port';

const RUN: RunFacts = {
  repository: 'octo-org/octo-repo',
  serverUrl: 'https://github.com',
  runId: 4242,
  runNumber: '17',
  workflow: 'Out-of-band deploy',
  sha: 'ffac537e6cbbf934b08745a378932722df287a53',
  actor: 'octocat',
  triggeringActor: 'octocat',
};

const TIMELINE = [
  'Freeze on | 2026-12-05T11:00:00Z',
  'Deploy | 2026-12-05T11:15:05Z | 2026-12-05T11:21:40Z',
  'Freeze lifted | 2026-12-05T11:22:00Z',
].join('\n');

function settings(values: Record<string, string> = {}, files: Record<string, string> = {}): Settings {
  return readSettings(
    new Inputs(
      mapInputSource({ token: 'ghs_x', postmortem: 'true', outcome: 'success', timeline: TIMELINE, ...values }),
    ),
    { readFile: (path) => files[path] },
  );
}

async function record(port: FakePostmortemPort, s: Settings = settings(), run: RunFacts = RUN) {
  const log = new MemoryLogger();
  const result = await recordDeploy(s, { port, run, clock: new FakeClock(), log });
  return { result, log };
}

describe('deploy-record postmortem issue', () => {
  it('opens one issue with the facts, the timeline and the gantt chart, labelled', async () => {
    const port = new FakePostmortemPort();
    port.history = {
      known: true,
      approvals: [
        { user: 'alice', state: 'approved', comment: 'Ship it', environments: ['production'] },
        { user: 'mallory', state: 'rejected', comment: 'no', environments: ['production'] },
        { user: 'bob', state: 'approved', comment: '', environments: ['production'] },
      ],
    };
    const { result } = await record(
      port,
      settings({ labels: 'postmortem, out-of-band\npostmortem', permalink: 'https://acme.slack.com/archives/C1/p1' }),
    );
    expect(result.postmortem).toMatchObject({ result: 'created', number: 1 });
    expect(port.calls).toEqual(['approvals', 'list', 'create postmortem,out-of-band']);
    const [issue] = port.issues;
    expect(issue?.title).toBe('Postmortem: Out-of-band deploy #17 (2026-12-05)');
    const body = issue?.body ?? '';
    expect(body.startsWith(markerPrefix(4242))).toBe(true);
    expect(untouched(body)).toBe(true);
    expect(body).toContain('- **Approved by:** alice (production): “Ship it”; bob (production)');
    expect(body).not.toContain('mallory');
    expect(body).toContain(
      '- **Commit:** [`ffac537`](https://github.com/octo-org/octo-repo/commit/ffac537e6cbbf934b08745a378932722df287a53)',
    );
    expect(body).toContain(
      '- **Run:** [Out-of-band deploy #17](https://github.com/octo-org/octo-repo/actions/runs/4242)',
    );
    expect(body).toContain('- **Slack:** [Slack message](https://acme.slack.com/archives/C1/p1)');
    expect(body).toContain('- **Outcome:** ✅ success');
    expect(body).toContain('| Deploy | 2026-12-05 11:15:05 | 2026-12-05 11:21:40 | 6m 35s |');
    expect(body).toContain('```mermaid\ngantt\n');
  });

  it('leaves the issue alone on a re-run with the same text, and opens no second one', async () => {
    const port = new FakePostmortemPort();
    await record(port);
    const again = await record(port);
    expect(again.result.postmortem).toMatchObject({ result: 'unchanged', number: 1 });
    expect(port.issues).toHaveLength(1);
    expect(port.calls.filter((c) => c.startsWith('create') || c.startsWith('update'))).toHaveLength(1);
  });

  it('updates the body when the re-run tells a different story, and keeps the title people gave it', async () => {
    const port = new FakePostmortemPort();
    await record(port);
    const issue = port.issues[0];
    if (issue) issue.title = 'Postmortem: the Friday deploy';
    const rerun = { ...RUN, triggeringActor: 'hubot' };
    const { result } = await record(port, settings({ outcome: 'failure' }), rerun);
    expect(result.postmortem).toMatchObject({ result: 'updated', number: 1 });
    expect(port.issues[0]?.title).toBe('Postmortem: the Friday deploy');
    expect(port.issues[0]?.body).toContain('- **Triggered by:** hubot (re-run of octocat’s run)');
    expect(port.issues[0]?.body).toContain('❌ failure');
  });

  it('never writes over what people wrote in the issue', async () => {
    const port = new FakePostmortemPort();
    await record(port);
    const issue = port.issues[0];
    if (issue) issue.body = `${issue.body ?? ''}\nRoot cause: a missing index.`;
    const { result, log } = await record(port, settings({ outcome: 'failure' }));
    expect(result.postmortem).toMatchObject({ result: 'unchanged', number: 1 });
    expect(port.issues[0]?.body).toContain('Root cause: a missing index.');
    expect(log.text('warning')).toMatch(/#1 was edited after deploy-record wrote it/);
  });

  it('does not take an issue someone else wrote with the marker, or one from before the run', async () => {
    const port = new FakePostmortemPort();
    const body = issueBody(BUILT_IN_TEMPLATE, values(), 4242);
    port.add({ body, user: { login: 'mallory', type: 'User' } });
    port.add({ body, created_at: '2026-12-04T00:00:00Z' });
    const { result } = await record(port);
    expect(result.postmortem).toMatchObject({ result: 'created', number: 3 });
  });

  it('says who approved is unknown, with a warning, when the token cannot read the reviews', async () => {
    const port = new FakePostmortemPort();
    port.history = { known: false, why: 'GET …/approvals failed (HTTP 403)' };
    const { log } = await record(port);
    expect(port.issues[0]?.body).toContain('- **Approved by:** unknown');
    expect(log.text('warning')).toMatch(/Who approved this run is unknown: GET …\/approvals failed \(HTTP 403\)/);
  });

  it('adopts the issue a failed create made instead of opening a second one', async () => {
    const port = new FakePostmortemPort();
    port.failAfterCreate = true;
    const { result } = await record(port);
    expect(result.postmortem).toMatchObject({ result: 'created', number: 1 });
    expect(port.issues).toHaveLength(1);
  });

  it('creates again after a 5xx only when the issue is provably not there; a 4xx fails at once', async () => {
    const port = new FakePostmortemPort();
    port.failBeforeCreate = 503;
    const { result } = await record(port);
    expect(result.postmortem).toMatchObject({ result: 'created', number: 1 });
    expect(port.calls.filter((c) => c.startsWith('create') || c === 'list')).toEqual([
      'list',
      'create ',
      'list',
      'create ',
    ]);
    const refused = new FakePostmortemPort();
    refused.failBeforeCreate = 403;
    const failed = await record(refused);
    expect(failed.result).toMatchObject({ postmortem: undefined, failure: expect.stringMatching(/HTTP 403/) });
    expect(refused.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
  });

  it('keeps a hostile reason as text', async () => {
    const port = new FakePostmortemPort();
    const reason = '<img src=x onerror=alert(1)> [click](https://evil.example) @org/everyone\n# Heading\n::error::x';
    await record(port, settings({ reason }));
    const body = port.issues[0]?.body ?? '';
    const line = body.split('\n').find((l) => l.startsWith('- **Reason:**')) ?? '';
    expect(line).toBe(
      '- **Reason:** &lt;img src=x onerror=alert(1)&gt; `[click](https://evil.example)` `@org/everyone`<br># Heading<br>::error::x',
    );
  });

  it('keeps the body within GitHub’s limit, marker first', async () => {
    const huge = `${'{timeline}\n'.repeat(2000)}`;
    const body = issueBody(huge, { ...values(), timeline: 'x'.repeat(100) }, 4242);
    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY_CHARS);
    expect(body.startsWith(markerPrefix(4242))).toBe(true);
    expect(untouched(body)).toBe(true);
    expect(body).toMatch(/GitHub's issue body limit is 65536 characters/);
  });

  it('describes approvals', () => {
    expect(approvedByText({ known: true, approvals: [] })).toBe('no one (no deployment review approved this run)');
    expect(
      approvedByText({
        known: true,
        approvals: [{ user: 'a_b', state: 'approved', comment: '**LGTM**\nnow', environments: [] }],
      }),
    ).toBe('a\\_b: “\\*\\*LGTM\\*\\*<br>now”');
  });
});

function values(): PlaceholderValues {
  return Object.fromEntries(PLACEHOLDERS.map((name) => [name, name])) as PlaceholderValues;
}
