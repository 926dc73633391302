import { describe, expect, it } from '@jest/globals';
import { FakeClock, Inputs, MemoryLogger, mapInputSource } from '@shipshape/kit';
import { readSettings } from '../../../actions/deploy-record/src/inputs';
import { recordDeploy } from '../../../actions/deploy-record/src/record';
import { recordOutputs, recordSummary } from '../../../actions/deploy-record/src/report';
import type { RunFacts } from '../../../actions/deploy-record/src/postmortem';

const RUN: RunFacts = {
  repository: 'octo-org/octo-repo',
  serverUrl: 'https://github.com',
  runId: 1,
  runNumber: '1',
  workflow: 'Release',
  sha: 'ffac537e6cbbf934b08745a378932722df287a53',
  actor: 'octocat',
  triggeringActor: 'octocat',
};

describe('deploy-record summary', () => {
  it('draws the timeline as a table and a gantt chart without a postmortem, and says so in the outputs', async () => {
    const settings = readSettings(
      new Inputs(
        mapInputSource({
          outcome: 'failure',
          reason: 'Hotfix for **#12** <b>now</b>',
          permalink: 'https://acme.slack.com/archives/C1/p1(x)',
          timeline: 'Deploy | 2026-12-05T11:15:05Z | 2026-12-05T11:21:40Z\nVerified | \nGuard | 1764934145',
        }),
      ),
      { readFile: () => undefined },
    );
    const record = await recordDeploy(settings, {
      port: undefined,
      run: RUN,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(recordOutputs(record)).toEqual({ result: 'skipped' });
    const summary = recordSummary(record, settings);
    expect(summary).toContain('### Deploy timeline: ❌ failure');
    expect(summary).toContain('**Reason:** Hotfix for \\*\\*#12\\*\\* &lt;b&gt;now&lt;/b&gt;');
    expect(summary).toContain('[Slack message](https://acme.slack.com/archives/C1/p1%28x%29)');
    expect(summary).toContain('| Deploy | 2026-12-05 11:15:05 | 2026-12-05 11:21:40 | 6m 35s |');
    expect(summary).toContain('Not run (no start time): Verified.');
    expect(summary).toContain('    Deploy :done, crit, s1, 2026-12-05 11:15:05, 2026-12-05 11:21:40');
    expect(summary).not.toContain('Postmortem issue');
  });
});
