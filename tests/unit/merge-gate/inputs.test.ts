import { describe, expect, it } from '@jest/globals';
import { readSettings } from '../../../actions/merge-gate/src/inputs';
import { readPullTarget } from '../../../actions/merge-gate/src/event';
import { ConfigError, Inputs, mapInputSource } from '@shipshape/kit';

const ctx = { eventName: 'pull_request', payload: { action: 'opened', pull_request: { number: 7 } } };
const read = (values: Record<string, string>) => () =>
  readSettings(new Inputs(mapInputSource({ token: 't', ...values })), ctx);

describe('merge-gate settings', () => {
  it.each([
    [
      { quorum: 'most' },
      "Input 'quorum' is invalid: expected 'half', 'majority', 'all' or a whole number of leads from 1 to 100, got \"most\".",
    ],
    [{ leads: ' , ' }, "Input 'leads' is invalid"],
    [{ leads: 'alice, bob smith' }, "'bob smith' is not a GitHub login"],
    [
      { leads: 'alice, bob', quorum: '3' },
      'Input \'quorum\' is invalid: expected at most the number of leads (2), got "3".',
    ],
    [{ 'base-rules': 'master develop' }, "Input 'base-rules' is invalid: expected rules '<base>: <head>, <head>'"],
    [{ 'base-rules': 'master:' }, 'names no head branch'],
    [
      { 'head-pattern': 'feature/[a-z]*' },
      "Input 'head-pattern' is invalid: expected branch patterns separated by commas (e.g. feature/*, fix/*) — 'feature/[a-z]*' holds \"[\", which no branch name can contain, so it matches nothing",
    ],
    [{ 'head-pattern': 'feature/' }, 'matches nothing'],
    [{ window: 'weekdays 8-17' }, "Input 'window' is invalid: expected a window spec"],
    [{ window: 'mon-fri 08:00-17:00 UTC', blackout: '2026-13-01' }, "Input 'blackout' is invalid"],
    [{ 'window-bases': 'master' }, "Input 'window-bases' is invalid: expected only together with `window`"],
    [
      { 'change-requests': 'leads' },
      "Input 'change-requests' is invalid: expected 'any' or 'off' when no `leads` are given",
    ],
    [{ 'approvals-on-head': 'yes please' }, "Input 'approvals-on-head' is invalid"],
  ])('%j: %s', (values, message) => {
    expect(read(values)).toThrow(message);
  });

  it('needs a token', () => {
    expect(() => readSettings(new Inputs(mapInputSource({})), ctx)).toThrow("Input 'token' is required");
  });

  it('reads leads as logins (an @ is optional, duplicates in any case collapse) or as a file path', () => {
    expect(read({ leads: '@alice, Bob\nbob' })().leads).toEqual({ kind: 'logins', logins: ['alice', 'Bob'] });
    expect(read({ leads: './.github/LEADS' })().leads).toEqual({ kind: 'file', path: '.github/LEADS' });
  });

  it('refuses a run with no rule at all', () => {
    expect(read({ 'change-requests': 'off' })).toThrow(ConfigError);
  });
});

describe('which pull request an event names', () => {
  it('reads the PR number of a merge group from its head_ref', () => {
    const headRef = `refs/heads/gh-readonly-queue/master/pr-42-${'c'.repeat(40)}`;
    expect(
      readPullTarget('merge_group', { action: 'checks_requested', merge_group: { head_ref: headRef } }),
    ).toMatchObject({ event: 'merge_group', number: 42 });
  });
  it('refuses a merge group ref it cannot read, and other events, with a clear error', () => {
    expect(() => readPullTarget('merge_group', { merge_group: { head_ref: 'refs/heads/main' } })).toThrow(
      /does not name a pull request/,
    );
    expect(() => readPullTarget('push', {})).toThrow(
      "merge-gate runs on pull_request, pull_request_review and merge_group events, not on 'push'.",
    );
  });
});
