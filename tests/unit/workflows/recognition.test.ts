import { describe, expect, it } from '@jest/globals';
import { checkWorkflows, formatFinding, type CheckOptions } from '@shipshape/workflows';

/**
 * Which `uses:` are ours: any owner, any letter case of shipshape, any repository name for one of our five action
 * names, and the user's own copy (the `repository` option) for the root action and misspelt action names. A
 * third-party monorepo's `actions/<name>` is never judged.
 */

const step = (uses: string, withLines: string[]): string => `on: push
permissions:
  actions: read
  pull-requests: read
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: ${uses}
        with:
${withLines.map((line) => `          ${line}\n`).join('')}`;

const check = (text: string, options?: CheckOptions): string[] =>
  checkWorkflows([{ path: 'w.yml', text }], options).map(formatFinding);

const TYPO =
  "w.yml:12:11: 'comit-gate' is not an input of deploy-guard (did you mean 'commit-gate'?); the action never reads it [unknown-input]";

describe('which steps are ours', () => {
  it('the repository name in any letter case (GitHub ignores it)', () => {
    expect(check(step('acme/ShipShape/actions/deploy-guard@v1', ['queue: true', 'comit-gate: true']))).toEqual([TYPO]);
    expect(check(step('Acme/SHIPSHAPE/actions/deploy-gaurd@v1', ['queue: true']))).toEqual([
      "w.yml:9:15: shipshape has no action 'deploy-gaurd' (did you mean 'deploy-guard'?) [unknown-action]",
    ]);
  });

  it('one of our action names under a copy with another name (a fork renamed deploy-kit)', () => {
    expect(check(step('acme/deploy-kit/actions/deploy-guard@v1', ['queue: true', 'comit-gate: true']))).toEqual([TYPO]);
  });

  it("a third-party monorepo's actions/<name> is not ours, even one near our names", () => {
    expect(check(step('org/tools/actions/setup@v1', ['anything: goes']))).toEqual([]);
    expect(check(step('org/tools/actions/deploy-gaurd@v1', ['anything: goes']))).toEqual([]);
    expect(check(step('org/tools@v1', ['command: merge-gaet']))).toEqual([]);
  });

  it('the repository option: its misspelt action names and its root action, in any letter case', () => {
    const options = { repository: 'acme/deploy-kit' };
    expect(check(step('acme/deploy-kit/actions/deploy-gaurd@v1', ['queue: true']), options)).toEqual([
      "w.yml:9:15: shipshape has no action 'deploy-gaurd' (did you mean 'deploy-guard'?) [unknown-action]",
    ]);
    expect(check(step('ACME/Deploy-Kit@v1', ['command: merge-gaet']), options)).toEqual([
      "w.yml:11:20: 'merge-gaet' is not a shipshape command (did you mean 'merge-gate'?); commands: changelog-release, deploy-guard, deploy-notify, deploy-record, merge-gate, plan-lint [unknown-input]",
    ]);
    // Without the option the same root action is someone else's.
    expect(check(step('acme/deploy-kit@v1', ['command: merge-gaet']))).toEqual([]);
    // Another owner's repository of that name is not the user's copy.
    expect(check(step('other/deploy-kit@v1', ['command: merge-gaet']), options)).toEqual([]);
  });

  it('the root action named shipshape in any letter case', () => {
    expect(check(step('acme/ShipShape@v1', ['command: merge-gaet']))).toEqual([
      expect.stringMatching(/^w\.yml:11:20: 'merge-gaet' is not a shipshape command/),
    ]);
  });

  it('a repository option that is not owner/name is refused, naming it', () => {
    expect(() => check('on: push\njobs: {}\n', { repository: 'deploy-kit' })).toThrow(
      'checkWorkflows: repository must be owner/name, got "deploy-kit"',
    );
  });
});
