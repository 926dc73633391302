import { describe, expect, it } from '@jest/globals';
import {
  buildMainMessage,
  buildOutcomeReply,
  DEPLOY_STATUSES,
  FAILURE_STATUSES,
  isFailure,
  STATUS_LABEL,
  STATUS_TONE,
  type DeployContext,
  type SlackMessage,
} from '@shipshape/slack';
import { messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';

/** The release statuses: what each means, and which failures spell out the way out. */

const base: DeployContext = {
  status: 'started',
  template: { kind: 'deploy' },
  environment: 'production',
  version: '2.0.0',
};
const text = (m: SlackMessage): string => messageTexts(m as { text: string; blocks: unknown[] }).join('\n');
const CHOICE = 'Either fix forward: ship a hotfix release with the fix. Or roll back: run the rollback workflow';

describe('deploy statuses', () => {
  it('deployed is neither a success nor a failure yet; verified is a success', () => {
    expect(STATUS_TONE.deployed).toBe('pending');
    expect(STATUS_TONE.verified).toBe('success');
    expect(STATUS_TONE.succeeded).toBe('success');
    expect([...FAILURE_STATUSES].sort()).toEqual(['failed', 'rolled-back', 'smoke-failed']);
    expect(isFailure('deployed')).toBe(false);
    expect(isFailure('verified')).toBe(false);
    expect(STATUS_LABEL.deployed).toBe('Deployed, not yet verified');
    expect(STATUS_LABEL.verified).toBe('Verified');
  });

  it('failed and smoke-failed spell out fix forward or roll back, in the message and the alert; no other does', () => {
    for (const status of DEPLOY_STATUSES) {
      const ctx = { ...base, status };
      const main = buildMainMessage(ctx);
      const reply = buildOutcomeReply(ctx, []);
      const spelled = status === 'failed' || status === 'smoke-failed';
      expect([text(main).includes(CHOICE), text(reply).includes(CHOICE)]).toEqual([spelled, spelled]);
      expect(validateSlackMessage(main)).toEqual([]);
    }
    // A custom template's message says it too; a freeze never does.
    const custom = buildMainMessage({ ...base, status: 'failed', template: { kind: 'custom', text: 'x {status}' } });
    expect(text(custom)).toContain(CHOICE);
    expect(text(buildMainMessage({ ...base, status: 'failed', template: { kind: 'freeze' } }))).not.toContain(CHOICE);
  });
});
