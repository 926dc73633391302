import { describe, expect, it } from '@jest/globals';
import { ConfigError, MemoryLogger } from '@shipshape/kit';
import { checkPullRequest } from '../../../actions/plan-lint/src/check';
import { syncComment } from '../../../actions/plan-lint/src/comment';
import { decideEvent } from '../../../actions/plan-lint/src/event';
import type { Settings } from '../../../actions/plan-lint/src/inputs';
import { commentBody, COMMENT_MARKER, oneLine, summaryMarkdown } from '../../../actions/plan-lint/src/report';
import { FakePlanLintPort, pull } from './fake-port';

const settings = (extra: Partial<Settings> = {}): Settings => ({
  token: 't',
  template: undefined,
  config: undefined,
  preset: undefined,
  comment: false,
  failOnWip: undefined,
  skipLabels: undefined,
  skipAuthors: undefined,
  ...extra,
});

const TEMPLATE = '## Summary\n<!-- what and why -->\n## Rollback plan\nRevert the merge.\n';

describe('checkPullRequest: where the rules come from', () => {
  it('reads the repository template at the base ref, never the head', async () => {
    const port = new FakePlanLintPort(
      pull({
        body: '## Summary\nAdds export\n## Rollback plan\nRevert the merge.\n',
        base: { ref: 'release', sha: 'c'.repeat(40) },
      }),
    );
    port.files = { release: { '.github/PULL_REQUEST_TEMPLATE.md': TEMPLATE }, main: {} };
    const outcome = await checkPullRequest(settings(), 5, port, new MemoryLogger());
    expect(outcome.ruleSet.source).toBe('template .github/PULL_REQUEST_TEMPLATE.md');
    expect(outcome.result.problems).toEqual([expect.objectContaining({ section: 'Rollback plan', code: 'unchanged' })]);
    expect(port.calls.filter((c) => c.includes('@') && !c.endsWith('@release'))).toEqual([]);
  });

  it('finds a template in the root or docs/, and in a PULL_REQUEST_TEMPLATE folder picks the one the body follows', async () => {
    const root = new FakePlanLintPort(pull({ body: '' }));
    root.files = { main: { 'pull_request_template.md': '## Testing\n' } };
    expect((await checkPullRequest(settings(), 5, root, new MemoryLogger())).ruleSet.source).toBe(
      'template pull_request_template.md',
    );
    const docs = new FakePlanLintPort(pull({ body: '' }));
    docs.files = { main: { 'docs/Pull_Request_Template.md': '## Testing\n' } };
    expect((await checkPullRequest(settings(), 5, docs, new MemoryLogger())).ruleSet.source).toBe(
      'template docs/Pull_Request_Template.md',
    );
    const many = new FakePlanLintPort(pull({ body: '## Migration\nadds a column\n## Data rollback\nrestore\n' }));
    many.files = {
      main: {
        '.github/PULL_REQUEST_TEMPLATE/feature.md': '## Summary\n## Screenshots\n',
        '.github/PULL_REQUEST_TEMPLATE/migration.md': '## Migration\n## Data rollback\n',
      },
    };
    const outcome = await checkPullRequest(settings(), 5, many, new MemoryLogger());
    expect(outcome.ruleSet.source).toBe('template .github/PULL_REQUEST_TEMPLATE/migration.md');
    expect(outcome.result.valid).toBe(true);
  });

  it('uses the default preset when there is no template, and when the template has nothing to check', async () => {
    const port = new FakePlanLintPort(pull());
    expect((await checkPullRequest(settings(), 5, port, new MemoryLogger())).ruleSet.source).toBe(
      'preset rollout-rollback',
    );
    const commented = new FakePlanLintPort(pull());
    commented.files = { main: { '.github/pull_request_template.md': '<!--\n## Ticket\n-->\n' } };
    const log = new MemoryLogger();
    expect((await checkPullRequest(settings(), 5, commented, log)).ruleSet.source).toBe('preset rollout-rollback');
    expect(log.text()).toMatch(/has no headings or bold fields/);
  });

  it('lets inputs win over the config file, and the config file over the template', async () => {
    const port = new FakePlanLintPort(pull({ body: '## Summary\nx\n' }));
    port.files = {
      main: {
        '.github/plan-lint.yml': 'template: docs/plan.md\n',
        'docs/plan.md': '## Summary\n## Risks\n',
        '.github/pull_request_template.md': '## Other\n',
      },
    };
    expect((await checkPullRequest(settings(), 5, port, new MemoryLogger())).ruleSet.source).toBe(
      'template docs/plan.md + config .github/plan-lint.yml',
    );
    expect(
      (await checkPullRequest(settings({ preset: 'rollout-rollback' }), 5, port, new MemoryLogger())).ruleSet.source,
    ).toBe('preset rollout-rollback + config .github/plan-lint.yml');
  });

  it('fails clearly on an invalid config or a missing explicit config', async () => {
    const port = new FakePlanLintPort(pull());
    port.files = { main: { '.github/plan-lint.yml': 'when: nope\n' } };
    await expect(checkPullRequest(settings(), 5, port, new MemoryLogger())).rejects.toThrow(
      /\.github\/plan-lint\.yml: 'when' must be a list/,
    );
    await expect(checkPullRequest(settings({ config: 'ci/plan.yml' }), 5, port, new MemoryLogger())).rejects.toThrow(
      ConfigError,
    );
  });

  it('reads the changed files only when a rule depends on paths', async () => {
    const port = new FakePlanLintPort(pull({ body: '## Summary\nx\n' }));
    port.files = {
      main: {
        '.github/pull_request_template.md': '## Summary\n',
        '.github/plan-lint.yml': "when:\n  - paths: ['migrations/**']\n    require: [Rollback strategy]\n",
      },
    };
    port.changed = ['migrations/001.sql'];
    const outcome = await checkPullRequest(settings(), 5, port, new MemoryLogger());
    expect(port.calls).toContain('changedFiles');
    expect(outcome.result.problems.map((p) => p.section)).toEqual(['Rollback strategy']);
    const plain = new FakePlanLintPort(pull({ body: '## Summary\nx\n' }));
    plain.files = { main: { '.github/pull_request_template.md': '## Summary\n' } };
    await checkPullRequest(settings(), 5, plain, new MemoryLogger());
    expect(plain.calls).not.toContain('changedFiles');
  });
});

describe('checkPullRequest: reads side by side', () => {
  it('lists .github/, the root and docs/ together with the PR read when the event names the base, and uses them', async () => {
    const port = new FakePlanLintPort(pull({ body: '## Summary\nx\n' }));
    port.files = { main: { 'docs/pull_request_template.md': '## Summary\n' } };
    const order: string[] = [];
    const pending: (() => void)[] = [];
    // Hold every call until all that can start have started: what is issued before the first answer is one round.
    const hold = <T>(name: string, answer: () => Promise<T>): Promise<T> => {
      order.push(name);
      return new Promise<void>((resolve) => pending.push(resolve)).then(answer);
    };
    const { getPull, listDirectory, readFile } = port;
    port.getPull = (n) => hold('pull', () => getPull.call(port, n));
    port.listDirectory = (path, ref) => hold(`list ${path || '/'}@${ref}`, () => listDirectory.call(port, path, ref));
    port.readFile = (path, ref) => hold(`read ${path}@${ref}`, () => readFile.call(port, path, ref));
    const outcome = checkPullRequest(settings(), 5, port, new MemoryLogger(), 'main');
    const rounds: string[][] = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (pending.length === 0) break;
      rounds.push(order.splice(0));
      for (const release of pending.splice(0)) release();
    }
    const result = await outcome;
    expect(result.ruleSet.source).toBe('template docs/pull_request_template.md');
    expect(rounds).toEqual([
      ['pull', 'list .github@main', 'list /@main', 'list docs@main'],
      ['read docs/pull_request_template.md@main'],
    ]);
  });

  it('drops the reads at a stale base named by the event and reads again at the live base', async () => {
    const port = new FakePlanLintPort(pull({ body: '## Summary\nx\n', base: { ref: 'release', sha: 'c'.repeat(40) } }));
    port.files = {
      main: { '.github/pull_request_template.md': '## Weak\n' },
      release: { '.github/pull_request_template.md': '## Summary\n## Rollback\n' },
    };
    const log = new MemoryLogger();
    const outcome = await checkPullRequest(settings(), 5, port, log, 'main');
    expect(outcome.ruleSet.source).toBe('template .github/pull_request_template.md');
    expect(outcome.result.problems.map((p) => `${p.section}:${p.code}`)).toEqual(['Rollback:missing']);
    expect(port.calls.filter((c) => c.startsWith('readFile'))).toEqual([
      'readFile .github/pull_request_template.md@release',
    ]);
    expect(log.text()).toMatch(/names the base branch main, the pull request now release/);
  });

  it('without a hint reads the PR first, then the three listings together', async () => {
    const port = new FakePlanLintPort(pull());
    await checkPullRequest(settings(), 5, port, new MemoryLogger());
    expect(port.calls).toEqual(['getPull 5', 'list .github@main', 'list @main', 'list docs@main']);
  });
});

describe('checkPullRequest: exemptions and drafts', () => {
  it('skips a PR with a skip label or from an exempt author', async () => {
    const labelled = await checkPullRequest(
      settings(),
      5,
      new FakePlanLintPort(pull({ labels: [{ name: 'skip-plan-lint' }] })),
      new MemoryLogger(),
    );
    expect(labelled.skipped).toMatch(/label 'skip-plan-lint'/);
    expect(labelled.result.valid).toBe(true);
    const bot = await checkPullRequest(
      settings(),
      5,
      new FakePlanLintPort(pull({ user: { login: 'dependabot[bot]' } })),
      new MemoryLogger(),
    );
    expect(bot.skipped).toMatch(/dependabot\[bot\] is exempt/);
    const custom = await checkPullRequest(
      settings({ skipAuthors: ['someone'] }),
      5,
      new FakePlanLintPort(pull({ user: { login: 'dependabot[bot]' } })),
      new MemoryLogger(),
    );
    expect(custom.skipped).toBeUndefined();
  });

  it('checks a draft and marks it as a draft', async () => {
    const outcome = await checkPullRequest(
      settings(),
      5,
      new FakePlanLintPort(pull({ draft: true })),
      new MemoryLogger(),
    );
    expect(outcome.draft).toBe(true);
    expect(outcome.result.valid).toBe(false);
  });
});

describe('decideEvent', () => {
  it('checks pull_request and pull_request_target, and finds the PR of a merge group', () => {
    expect(decideEvent('pull_request', { action: 'opened', pull_request: { number: 3 } })).toEqual({
      kind: 'lint',
      number: 3,
      event: 'pull_request',
    });
    expect(decideEvent('pull_request_target', { action: 'synchronize', number: 4 })).toMatchObject({
      kind: 'lint',
      number: 4,
    });
    expect(
      decideEvent('merge_group', {
        merge_group: { head_ref: 'refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64' },
      }),
    ).toMatchObject({ kind: 'lint', number: 104 });
  });
  it('does nothing for an edit that changed neither title nor body', () => {
    expect(
      decideEvent('pull_request', { action: 'edited', pull_request: { number: 3 }, changes: { base: {} } as never })
        .kind,
    ).toBe('noop');
    expect(
      decideEvent('pull_request', { action: 'edited', pull_request: { number: 3 }, changes: { body: { from: 'x' } } })
        .kind,
    ).toBe('lint');
  });
  it('names the supported events otherwise', () => {
    expect(() => decideEvent('push', {})).toThrow(/pull_request, pull_request_target, merge_group events, not 'push'/);
    expect(() => decideEvent('merge_group', { merge_group: { head_ref: 'refs/heads/main' } })).toThrow(
      /does not name a pull request/,
    );
  });
});

describe('syncComment', () => {
  it('creates one comment on failure, edits it later, never duplicates, and creates none for a pass', async () => {
    const log = new MemoryLogger();
    const passing = new FakePlanLintPort(pull());
    expect(await syncComment(passing, 5, `${COMMENT_MARKER}\nok`, false, log)).toBe('none');
    const fresh = new FakePlanLintPort(pull());
    expect(await syncComment(fresh, 5, `${COMMENT_MARKER}\nfail 1`, true, log)).toBe('created');
    expect(await syncComment(fresh, 5, `${COMMENT_MARKER}\nfail 1`, true, log)).toBe('unchanged');
    expect(await syncComment(fresh, 5, `${COMMENT_MARKER}\npass`, false, log)).toBe('updated');
    expect(fresh.comments).toHaveLength(1);
  });
  it('two runs racing on one PR end with one comment: the lowest id survives with the later report', async () => {
    const port = new FakePlanLintPort(pull());
    const log = new MemoryLogger();
    const outcomes = await Promise.all([
      syncComment(port, 5, `${COMMENT_MARKER}\nrun A`, true, log),
      syncComment(port, 5, `${COMMENT_MARKER}\nrun B`, true, log),
    ]);
    // Both found no comment and both created one; the run whose comment is not the lowest deleted its own.
    expect(port.calls.filter((c) => c === 'createComment')).toHaveLength(2);
    expect(port.comments).toEqual([expect.objectContaining({ id: 1, body: `${COMMENT_MARKER}\nrun B` })]);
    expect(outcomes.sort()).toEqual(['created', 'updated']);
    expect(port.calls).toContain('deleteComment 2');
    // A later run edits the survivor.
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nrun C`, true, log)).toBe('updated');
    expect(port.comments).toHaveLength(1);
  });

  it('after an ambiguous create failure keeps the lowest of the bot comments and leaves a quoted marker alone', async () => {
    const port = new FakePlanLintPort(pull());
    const create = port.createComment.bind(port);
    let calls = 0;
    port.createComment = async (n, body) => {
      calls += 1;
      // A racing run's comment lands, then ours is created but the answer is lost.
      if (calls === 1) {
        await create(n, `${COMMENT_MARKER}\nother run`);
        port.comments.push({ id: 50, body: `I quoted ${COMMENT_MARKER}`, user: { login: 'mallory', type: 'User' } });
        await create(n, body);
        throw new Error('HTTP 500');
      }
      return create(n, body);
    };
    // Listing before the create sees nothing: the racing comments come with the failed create.
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nours`, true, new MemoryLogger())).toBe('created');
    expect(port.comments.map((c) => c.id).sort()).toEqual([1, 50]);
    expect(calls).toBe(1);
  });

  it('never adopts a marked comment a person wrote when the token is an installation token (GITHUB_TOKEN, an app)', async () => {
    const log = new MemoryLogger();
    const port = new FakePlanLintPort(pull());
    port.comments.push({
      id: 99,
      body: `${COMMENT_MARKER}\n### ✅ Plan check passed`,
      user: { login: 'mallory', type: 'User' },
    });
    port.comments.push({
      id: 98,
      body: `quoting ${COMMENT_MARKER} by hand`,
      user: { login: 'github-actions[bot]', type: 'Bot' },
    });
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nfail 1`, true, log)).toBe('created');
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\npass`, false, log)).toBe('updated');
    expect(port.comments.find((c) => c.id === 99)?.body).toBe(`${COMMENT_MARKER}\n### ✅ Plan check passed`);
    expect(port.comments.find((c) => c.id === 98)?.body).toBe(`quoting ${COMMENT_MARKER} by hand`);
    expect(port.comments.filter((c) => c.body === `${COMMENT_MARKER}\npass`)).toHaveLength(1);
    // An installation token cannot call GET /user, and needs not: no request asks who it is.
    expect(port.calls).not.toContain('viewerLogin');
    expect(port.calls.filter((c) => /^(updateComment|deleteComment) (98|99)$/.test(c))).toEqual([]);
  });

  it("with a personal access token adopts only its user's comment, asking GET /user once and only when a person's marked comment exists", async () => {
    const log = new MemoryLogger();
    const port = new FakePlanLintPort(pull());
    port.token = { kind: 'user', login: 'Deploy-Robot' };
    port.comments.push({
      id: 90,
      body: `${COMMENT_MARKER}\nold app comment`,
      user: { login: 'github-actions[bot]', type: 'Bot' },
    });
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nfail 1`, true, log)).toBe('created');
    // Only a bot had written the marker: a user token's comment is never a bot's, so nobody was asked.
    expect(port.calls).not.toContain('viewerLogin');
    port.comments.push({ id: 99, body: `${COMMENT_MARKER}\nfake`, user: { login: 'mallory', type: 'User' } });
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nfail 2`, true, log)).toBe('updated');
    expect(port.calls.filter((c) => c === 'viewerLogin')).toHaveLength(1);
    // Logins compare without case, as GitHub's do.
    const own = port.comments.find((c) => c.user?.login === 'Deploy-Robot');
    if (own?.user) own.user.login = 'deploy-robot';
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nfail 3`, true, log)).toBe('updated');
    expect(port.comments.map((c) => [c.id, c.body])).toEqual([
      [90, `${COMMENT_MARKER}\nold app comment`],
      [1, `${COMMENT_MARKER}\nfail 3`],
      [99, `${COMMENT_MARKER}\nfake`],
    ]);
  });

  it("after an ambiguous create failure does not take a person's marked comment for its own", async () => {
    const port = new FakePlanLintPort(pull());
    const create = port.createComment.bind(port);
    let calls = 0;
    port.createComment = async (n, body) => {
      calls += 1;
      if (calls === 1) {
        // The author's fake lands while our create fails without creating anything.
        port.comments.push({ id: 50, body: `${COMMENT_MARKER}\nfake`, user: { login: 'mallory', type: 'User' } });
        throw new Error('HTTP 502');
      }
      return create(n, body);
    };
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nours`, true, new MemoryLogger())).toBe('created');
    expect(calls).toBe(2);
    expect(port.comments.map((c) => [c.id, c.body])).toEqual([
      [50, `${COMMENT_MARKER}\nfake`],
      [1, `${COMMENT_MARKER}\nours`],
    ]);
  });

  it('turns a refused write into a warning', async () => {
    const port = new FakePlanLintPort(pull());
    port.failWrites = true;
    const log = new MemoryLogger();
    expect(await syncComment(port, 5, `${COMMENT_MARKER}\nx`, true, log)).toBe('failed');
    expect(log.text('warning')).toMatch(/Resource not accessible/);
  });
});

describe('report', () => {
  it('escapes names and messages so they cannot break the table or open HTML', async () => {
    const port = new FakePlanLintPort(pull({ body: '## Summary\n' }));
    port.files = {
      main: { '.github/pull_request_template.md': '## Risk | <img src=x onerror=alert(1)> `x`\nfill\n## Summary\n' },
    };
    const outcome = await checkPullRequest(settings(), 5, port, new MemoryLogger());
    const ctx = { number: 5, source: outcome.ruleSet.source, draft: false };
    const summary = summaryMarkdown(outcome.result, ctx);
    const row = summary.split('\n').find((l) => l.includes('Risk'));
    expect(row).toContain('Risk \\| &lt;img');
    expect(row?.split(/(?<!\\)\|/).length).toBe(6);
    expect(oneLine(outcome.result, ctx)).toBe(
      'Plan check failed: 2 problems: Risk | <img src=x onerror=alert(1)> x (missing), Summary (empty).',
    );
    const comment = commentBody(outcome.result, outcome.ruleSet.rules, ctx);
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toContain('```markdown\n## Risk | <img src=x onerror=alert(1)> x');
    expect(comment).not.toMatch(/^- .*<img/m);
  });
});
