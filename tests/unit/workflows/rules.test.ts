import { describe, expect, it } from '@jest/globals';
import { checkWorkflows, formatFinding, permissionsNeeded, type Catalog } from '@shipshape/workflows';

/** The parts of the checker the directory test does not reach: a required input, anchors, hostile keys, the table. */

const CUSTOM: Catalog = {
  actions: {
    deployer: {
      inputs: { target: { required: true, hasDefault: false }, region: { required: true, hasDefault: true } },
      outputs: ['url'],
    },
  },
  rootInputs: { command: { required: true, hasDefault: false } },
};

const check = (text: string, catalog?: Catalog): string[] =>
  checkWorkflows([{ path: 'w.yml', text }], { catalog }).map(formatFinding);

describe('check-workflows rules', () => {
  it('a required input without a default is missing; one with a default is not', () => {
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipshape/actions/deployer@v1
      - uses: acme/shipshape/actions/deployer@v1
        with:
          target: prod
`;
    expect(check(text, CUSTOM)).toEqual([
      "w.yml:6:9: deployer needs input 'target' (required, no default) [missing-input]",
    ]);
  });

  it('reads through YAML anchors and aliases (GitHub accepts them)', () => {
    const text = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: acme/shipshape/actions/merge-gate@v1
        with: &gate
          leads: alice
          quorm: 1
      - uses: acme/shipshape/actions/merge-gate@v1
        with: *gate
`;
    const findings = check(text);
    expect(findings.filter((f) => f.includes('[unknown-input]'))).toEqual([
      "w.yml:11:11: 'quorm' is not an input of merge-gate (did you mean 'quorum'?); the action never reads it [unknown-input]",
    ]);
    // Both steps are judged (each at its own uses:), the shared key once.
    expect(findings.filter((f) => f.includes('[permissions]'))).toEqual([
      expect.stringMatching(/^w\.yml:8:9: merge-gate needs pull-requests: read/),
      expect.stringMatching(/^w\.yml:12:9: merge-gate needs pull-requests: read/),
    ]);
  });

  it('aliases of aliases are read once per node (ten levels of ten would be 10^10 visits otherwise)', () => {
    const levels = ['      l0: &l0 ["${{ steps.nope.outputs.x }}"]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `      l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
        with:
${levels.map((l) => `  ${l}`).join('\n')}
`;
    expect(check(text)).toEqual([expect.stringMatching(/^w\.yml:8:\d+: steps\.nope: no earlier step/)]);
  });

  it('a hostile key is shown on one line, without control characters', () => {
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipshape/actions/plan-lint@v1
        with:
          "x\\n::error::owned": 1
`;
    const [finding] = check(text).filter((f) => f.includes('[unknown-input]'));
    expect(finding).toBe(
      "w.yml:8:11: 'x?::error::owned' is not an input of plan-lint; the action never reads it [unknown-input]",
    );
    expect(finding).not.toMatch(/\n/);
  });

  it('no suggestion when nothing is close', () => {
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipshape/actions/deploy-guard@v1
        with:
          colour: blue
`;
    expect(check(text)).toContainEqual(
      "w.yml:8:11: 'colour' is not an input of deploy-guard; the action never reads it [unknown-input]",
    );
  });

  it("a job's outputs may name any of its steps, but only its own", () => {
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    outputs:
      late: \${{ steps.late.outputs.decision }}
      gone: \${{ steps.gone.outputs.decision }}
    steps:
      - id: late
        uses: acme/shipshape/actions/deploy-guard@v1
`;
    expect(check(text).filter((f) => !f.includes('[permissions]'))).toEqual([
      "w.yml:7:17: steps.gone: no step of job 'a' has id 'gone' [unknown-step]",
    ]);
  });

  it("the root action with a command from an expression accepts any command's inputs and outputs", () => {
    const text = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: any
        uses: acme/shipshape@v1
        with:
          command: \${{ vars.COMMAND }}
          quorum: half
          queue: true
          quorom: 2
      - env:
          OK: \${{ steps.any.outputs.message-ts }}
          NO: \${{ steps.any.outputs.nothing }}
        run: echo "$OK"
`;
    expect(check(text).filter((f) => !f.includes('[permissions]'))).toEqual([
      "w.yml:12:11: 'quorom' is not an input of shipshape (did you mean 'quorum'?); the action never reads it [unknown-input]",
      expect.stringMatching(/^w\.yml:15:19: steps\.any\.outputs\.nothing: shipshape has no output 'nothing'/),
    ]);
  });

  describe('release triggers', () => {
    const publisher = (withLines: string): string => `on:
  push:
    tags: ['v*']
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipshape/actions/changelog-release@v1
        with:
${withLines}
`;
    const consumer = `on:
  release:
    types: [published]
jobs:
  b:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;
    const triggered = (withLines: string): string[] =>
      checkWorkflows([
        { path: 'p.yml', text: publisher(withLines) },
        { path: 'c.yml', text: consumer },
      ])
        .filter((f) => f.check === 'release-trigger')
        .map(formatFinding);
    it('published with GITHUB_TOKEN (the default or spelt out): reported on the trigger', () => {
      expect(triggered('          publish: true')).toEqual([
        expect.stringMatching(
          /^c\.yml:2:3: this workflow does not run for the release published with GITHUB_TOKEN at p\.yml:8:/,
        ),
      ]);
      expect(triggered('          token: ${{ secrets.GITHUB_TOKEN }}')).toHaveLength(1);
    });
    it('an app token, a draft only, or check mode: nothing', () => {
      expect(triggered('          publish: true\n          token: ${{ steps.app.outputs.token }}')).toEqual([]);
      expect(triggered('          draft: true')).toEqual([]);
      expect(triggered('          mode: check')).toEqual([]);
    });
  });

  describe('the permissions table (packages/workflows/README.md)', () => {
    const needs = (action: string, inputs: Record<string, string>, triggers: string[] = ['push']): string[] =>
      permissionsNeeded(action, { input: (name) => inputs[name], triggers: new Set(triggers) }).map(
        (n) => `${n.scope}: ${n.level}`,
      );
    it('changelog-release: write to publish, read to check', () => {
      expect(needs('changelog-release', {})).toEqual(['contents: write']);
      expect(needs('changelog-release', { mode: 'check' })).toEqual(['contents: read']);
    });
    it('deploy-guard: per check', () => {
      expect(needs('deploy-guard', { queue: 'true' })).toEqual(['actions: read']);
      expect(needs('deploy-guard', { queue: 'true', environment: 'production' })).toEqual([
        'actions: read',
        'deployments: read',
      ]);
      expect(needs('deploy-guard', { 'commit-gate': 'true' })).toEqual([
        'statuses: read',
        'checks: read',
        'actions: read',
      ]);
      expect(needs('deploy-guard', { window: 'daily 00:00-24:00 UTC' })).toEqual([]);
      expect(needs('deploy-guard', { window: 'daily 00:00-24:00 UTC', 'override-label': 'hotfix' })).toEqual([
        'pull-requests: read',
      ]);
      expect(
        needs('deploy-guard', { window: 'daily 00:00-24:00 UTC', 'override-label': 'hotfix' }, ['pull_request']),
      ).toEqual([]);
      expect(needs('deploy-guard', { freeze: 'on' })).toEqual([
        'contents: write',
        'statuses: write',
        'pull-requests: read',
      ]);
      expect(needs('deploy-guard', { freeze: 'sync' })).toEqual(['contents: read', 'statuses: write']);
      expect(needs('deploy-guard', { 'cancel-window': '15' })).toEqual(['actions: read', 'pull-requests: read']);
      expect(needs('deploy-guard', { 'cancel-window': '0', queue: 'false' })).toEqual([]);
      expect(needs('deploy-guard', { contains: '${{ github.sha }}' })).toEqual(['contents: read']);
    });
    it('changelog-release: by mode — read-only modes read, the release PR and the merge-back PR write pull requests', () => {
      expect(needs('changelog-release', {})).toEqual(['contents: write']);
      expect(needs('changelog-release', { mode: 'check' })).toEqual(['contents: read']);
      // Drafts are listed only to tokens with push access: a failed release is still a draft.
      expect(needs('changelog-release', { mode: 'rollback' })).toEqual(['contents: write']);
      expect(needs('changelog-release', { mode: 'annotate' })).toEqual(['contents: write']);
      expect(needs('changelog-release', { mode: 'tag' })).toEqual(['contents: write']);
      expect(needs('changelog-release', { mode: 'merge-back', base: 'develop' })).toEqual([
        'contents: read',
        'pull-requests: write',
      ]);
      expect(needs('changelog-release', { mode: 'prepare' })).toEqual(['contents: write', 'pull-requests: write']);
      expect(needs('changelog-release', { mode: 'prepare', push: 'true' })).toEqual(['contents: write']);
      expect(needs('changelog-release', { mode: '${{ inputs.mode }}' })).toEqual([
        'contents: write',
        'pull-requests: write',
      ]);
    });
    it('plan-lint and merge-gate: write only to comment; merge-gate reads contents only for a leads file', () => {
      expect(needs('plan-lint', {})).toEqual(['contents: read', 'pull-requests: read']);
      expect(needs('plan-lint', { comment: "${{ github.event_name == 'pull_request' }}" })).toContain(
        'pull-requests: write',
      );
      expect(needs('merge-gate', { leads: 'alice, bob' })).toEqual(['pull-requests: read']);
      expect(needs('merge-gate', { leads: '.github/LEADS', comment: 'true' })).toEqual([
        'pull-requests: read',
        'contents: read',
        'pull-requests: write',
      ]);
    });
    it('deploy-notify: nothing (Slack only)', () => {
      expect(needs('deploy-notify', { token: '${{ secrets.SLACK_BOT_TOKEN }}' })).toEqual([]);
    });
  });

  it('a workflow over 500 KB: GitHub starts no run for it (512,000 bytes is the limit, multi-byte text counted in bytes)', () => {
    const head = 'on: push\njobs: {}\n# ';
    const sized = (bytes: number): string => `${head}${'x'.repeat(bytes - head.length - 1)}\n`;
    expect(check(sized(512_000))).toEqual([]);
    expect(check(sized(512_001))).toEqual([
      'w.yml:1:1: 512001 bytes: GitHub starts no run for a workflow file over 500 KB (512000 bytes) [syntax]',
    ]);
    // 'é' is two bytes in UTF-8: 256,000 of them are 256,000 characters and 512,000 bytes.
    const accented = `${head}${'é'.repeat(256_000)}\n`;
    expect(accented.length).toBe(256_021);
    expect(check(accented)).toEqual([expect.stringMatching(/^w\.yml:1:1: 512021 bytes: /)]);
  });
});
