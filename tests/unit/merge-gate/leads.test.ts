import { describe, expect, it } from '@jest/globals';
import { LeadsError, MAX_LEADS_FILE_BYTES, parseLeadsFile } from '../../../actions/merge-gate/src/leads';
import { standingStates } from '../../../actions/merge-gate/src/reviews';

describe('leads file', () => {
  it('takes every @login of a CODEOWNERS-style file, once, ignoring comments and patterns', () => {
    expect(
      parseLeadsFile('# the leads\n*       @alice @Bob   # owners\n/docs/  @carol @bob\n\n@dave\n', '.github/LEADS'),
    ).toEqual(['alice', 'Bob', 'carol', 'dave']);
  });

  it.each([
    ['* @octo-org/leads\n', /names the team @octo-org\/leads/],
    ['* alice@example.com\n', /names an e-mail address/],
    ['# nobody yet\n', /names no lead/],
    ['* @not_a_login\n', /'not_a_login' is not a GitHub login/],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseLeadsFile(text, '.github/LEADS')).toThrow(message);
    expect(() => parseLeadsFile(text, '.github/LEADS')).toThrow(LeadsError);
  });

  it('refuses a file larger than its bound before reading its lines', () => {
    expect(() => parseLeadsFile(`* @alice\n${'#'.repeat(MAX_LEADS_FILE_BYTES)}`, 'LEADS')).toThrow(
      /a leads file may hold at most 65536/,
    );
  });
});

describe('standing states', () => {
  it('orders reviews by id, so a list out of order cannot put an old approval after a newer change request', () => {
    const standing = standingStates([
      { id: 9, user: { login: 'alice' }, state: 'CHANGES_REQUESTED', commit_id: 'b' },
      { id: 3, user: { login: 'alice' }, state: 'APPROVED', commit_id: 'a' },
    ]);
    expect(standing.get('alice')?.state).toBe('CHANGES_REQUESTED');
  });

  it('ignores pending reviews and reviews by deleted accounts (user null)', () => {
    const standing = standingStates([
      { id: 1, user: { login: 'alice' }, state: 'APPROVED', commit_id: 'a' },
      { id: 2, user: { login: 'alice' }, state: 'PENDING', commit_id: 'a' },
      { id: 3, user: null, state: 'CHANGES_REQUESTED', commit_id: 'a' },
    ]);
    expect([...standing.values()].map((s) => [s.login, s.state])).toEqual([['alice', 'APPROVED']]);
  });
});
