import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkWorkflows, nodeWorkflowReader, readWorkflowFiles, type Finding } from '@shipshape/workflows';
import { at, tempWorkflowDir } from './fixtures';

/**
 * A temporary `.github/workflows` of bad workflows, one per check, read through the reader port as the CLI reads a
 * repository: each check fires, at the line and column of what it is about, and the clean workflow gets nothing.
 */

const FILES: Record<string, string> = {
  'inputs.yml': `name: Inputs
on:
  push:
    branches: [main]
permissions: {}
jobs:
  gate:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: read
    steps:
      - uses: acme/shipshape/actions/deploy-guard@v1
        with:
          comit-gate: true
          window: mon-fri 08:00-17:00 UTC
      - uses: acme/shipshape/actions/deploy-gaurd@v1
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          status: started
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          token: \${{ secrets.SLACK_BOT_TOKEN }}
      - uses: acme/shipshape@v1
        with:
          leads: alice, bob
      - uses: acme/shipshape@v1
        with:
          command: merge-gaet
      - uses: acme/shipshape@v1
        with:
          command: plan-lint
          queue: true
      - uses: ./actions/plan-lint
        with:
          skip-label: wip
      - uses: ./actions/build-docs
        with:
          anything: goes
`,
  'outputs.yml': `name: Outputs
on: push
permissions:
  actions: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    outputs:
      sha: \${{ steps.guard.outputs.checked-sha }}
      typo: \${{ steps.guard.outputs.checkedsha }}
    steps:
      - name: Too early
        if: steps.guard.outputs.decison == 'proceed'
        run: echo early
      - id: guard
        uses: acme/shipshape/actions/deploy-guard@v1
        with:
          queue: true
      - id: other
        uses: actions/cache@v4
        with:
          path: x
          key: \${{ steps.guard.outputs.decision }}-\${{ steps.guard.outputs.checked_sha }}
      - env:
          ANY: \${{ steps.other.outputs.cache-hit }}
          WHY: \${{ steps.gaurd.outputs.reason }}
        run: echo "$ANY"
`,
  'permissions.yml': `name: Permissions
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipshape/actions/changelog-release@v1
        with:
          draft: true
      - uses: acme/shipshape/actions/changelog-release@v1
        with:
          publish: true
          token: \${{ secrets.RELEASE_TOKEN }}
  freeze:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: acme/shipshape/actions/deploy-guard@v1
        with:
          freeze: 'on'
  comment:
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
      contents: read
    steps:
      - uses: acme/shipshape/actions/plan-lint@v1
        with:
          comment: \${{ github.event.pull_request.head.repo.full_name == github.repository }}
`,
  'no-permissions.yml': `name: No permissions
on: pull_request
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/shipshape/actions/deploy-guard@v1
        with:
          freeze: sync
`,
  'concurrency.yml': `name: Concurrency
on:
  push:
    branches: [main]
permissions: {}
concurrency:
  group: all-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  inherits:
    runs-on: ubuntu-latest
    environment: staging
    permissions: {}
    steps:
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          webhook-url: \${{ secrets.SLACK_WEBHOOK_URL }}
  short-form:
    runs-on: ubuntu-latest
    permissions: {}
    concurrency: deploy-production
    steps:
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          webhook-url: \${{ secrets.SLACK_WEBHOOK_URL }}
  no-queue:
    runs-on: ubuntu-latest
    environment: production
    permissions: {}
    concurrency:
      group: deploy-production
      cancel-in-progress: false
    steps:
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          webhook-url: \${{ secrets.SLACK_WEBHOOK_URL }}
  cancels:
    runs-on: ubuntu-latest
    environment: production
    permissions: {}
    concurrency:
      group: deploy-production
      cancel-in-progress: true
      queue: max
    steps:
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          webhook-url: \${{ secrets.SLACK_WEBHOOK_URL }}
  preview:
    runs-on: ubuntu-latest
    environment: preview-\${{ github.ref_name }}
    permissions: {}
    concurrency:
      group: preview-\${{ github.ref }}
      cancel-in-progress: true
    steps:
      - run: ./deploy-preview.sh
  checks-only:
    runs-on: ubuntu-latest
    permissions: {}
    concurrency:
      group: lint
      cancel-in-progress: true
    steps:
      - run: npm run lint
`,
  'publish.yml': `name: Publish
on:
  push:
    tags: ['v*']
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    concurrency:
      group: release
      queue: max
    steps:
      - uses: acme/shipshape/actions/changelog-release@v1
        with:
          publish: true
`,
  'on-release.yml': `name: On release
on:
  release:
    types: [published]
permissions: {}
jobs:
  announce:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - run: echo released
`,
  'injection.yaml': `name: Injection
on: [pull_request, issue_comment]
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - name: Safe
        env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE \${{ github.event.pull_request.number }}"
      - name: Unsafe
        run: |
          echo "Building \${{ github.head_ref }}"
          echo "\${{ github.event.pull_request.title }} and \${{github.event.comment.body}}"
          echo '\${{ toJSON(github.event.commits[0].message) }}'
`,
  'broken.yml': `name: Broken
on: push
jobs:
  build:
    runs-on: ubuntu-latest
\tsteps:
      - run: echo hi
`,
  'list.yml': `- just
- a list
`,
  'clean.yml': `name: Clean
on:
  push:
    branches: [main]
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    concurrency:
      group: deploy-production
      cancel-in-progress: false
      queue: max
    permissions:
      actions: read
      statuses: read
      checks: read
    steps:
      - id: guard
        uses: acme/shipshape/actions/deploy-guard@v1
        with:
          queue: true
          commit-gate: true
      - env:
          SHA: \${{ steps.guard.outputs.checked-sha }}
        if: steps.guard.outputs.decision == 'proceed'
        run: ./deploy.sh "$SHA"
      - uses: acme/shipshape/actions/deploy-notify@v1
        with:
          token: \${{ secrets.SLACK_BOT_TOKEN }}
          channel: C0123ABCDEF
`,
  'README.md': 'not a workflow: never read',
};

let findings: Finding[] = [];
let dir = '';
let remove: () => void = () => undefined;

beforeAll(async () => {
  ({ dir, remove } = tempWorkflowDir(FILES));
  const read = await readWorkflowFiles(nodeWorkflowReader, dir, join);
  findings = [...read.unreadable, ...checkWorkflows(read.files)];
});
afterAll(() => remove());

/** The findings of one file as `file:line:col [check] message`, the file named relative to the directory. */
function of(file: string): string[] {
  return findings
    .filter((f) => f.file === join(dir, file))
    .map((f) => `${file}:${f.line}:${f.col} [${f.check}] ${f.message}`);
}

function expectFinding(file: string, needle: string, check: string, message: RegExp, occurrence = 1): void {
  const where = at(file, FILES[file] ?? '', needle, occurrence);
  expect(of(file)).toContainEqual(
    expect.stringMatching(new RegExp(`^${escape(`${where} [${check}] `)}${message.source}`)),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('check-workflows on a directory of bad workflows', () => {
  it('reads only the .yml and .yaml files, in name order', async () => {
    const read = await readWorkflowFiles(nodeWorkflowReader, dir, join);
    expect(read.files.map((f) => f.path.slice(dir.length + 1))).toEqual(
      Object.keys(FILES)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort(),
    );
  });

  it('a clean workflow gets nothing', () => {
    expect(of('clean.yml')).toEqual([]);
  });

  describe('inputs', () => {
    it('a misspelt input, with the input it meant', () => {
      expectFinding(
        'inputs.yml',
        'comit-gate',
        'unknown-input',
        /'comit-gate' is not an input of deploy-guard \(did you mean 'commit-gate'\?\)/,
      );
    });
    it('a misspelt action name', () => {
      expectFinding(
        'inputs.yml',
        'acme/shipshape/actions/deploy-gaurd@v1',
        'unknown-action',
        /shipshape has no action 'deploy-gaurd' \(did you mean 'deploy-guard'\?\)/,
      );
    });
    it('deploy-notify with nowhere to post, and a bot token without a channel', () => {
      expectFinding(
        'inputs.yml',
        'uses: acme/shipshape/actions/deploy-notify',
        'missing-input',
        /deploy-notify needs 'webhook-url', or 'token' and 'channel'/,
      );
      expectFinding(
        'inputs.yml',
        'uses: acme/shipshape/actions/deploy-notify',
        'missing-input',
        /deploy-notify needs 'channel'/,
        2,
      );
    });
    it("the root action: no command (required), an unknown command, another command's input", () => {
      expectFinding(
        'inputs.yml',
        'uses: acme/shipshape@v1',
        'missing-input',
        /shipshape needs input 'command' \(required, no default\)/,
      );
      expectFinding(
        'inputs.yml',
        'merge-gaet',
        'unknown-input',
        /'merge-gaet' is not a shipshape command \(did you mean 'merge-gate'\?\)/,
      );
      expectFinding(
        'inputs.yml',
        'queue: true',
        'unknown-input',
        /'queue' is not an input of shipshape \(command: plan-lint\)/,
      );
    });
    it('a local ./actions/<name> of ours is checked; one that is not ours is left alone', () => {
      expectFinding(
        'inputs.yml',
        'skip-label:',
        'unknown-input',
        /'skip-label' is not an input of plan-lint \(did you mean 'skip-labels'\?\)/,
      );
      expect(of('inputs.yml').some((f) => f.includes('anything'))).toBe(false);
    });
    it('nothing else', () => {
      expect(of('inputs.yml')).toHaveLength(8);
    });
  });

  describe('outputs', () => {
    it("an output the action does not declare, in a job's outputs and in a step", () => {
      expectFinding(
        'outputs.yml',
        'steps.guard.outputs.checkedsha',
        'unknown-output',
        /steps\.guard\.outputs\.checkedsha: deploy-guard has no output 'checkedsha' \(did you mean 'checked-sha'\?\)/,
      );
      expectFinding('outputs.yml', 'steps.guard.outputs.checked_sha', 'unknown-output', /.*did you mean 'checked-sha'/);
    });
    it('a step that comes later, in a bare if:, and a step id that does not exist', () => {
      expectFinding(
        'outputs.yml',
        "steps.guard.outputs.decison == 'proceed'",
        'unknown-step',
        /steps\.guard: no earlier step of job 'deploy' has id 'guard'/,
      );
      expectFinding(
        'outputs.yml',
        'steps.gaurd.outputs.reason',
        'unknown-step',
        /steps\.gaurd: .*\(did you mean 'guard'\?\)/,
      );
    });
    it("another action's outputs are not ours to judge", () => {
      expect(of('outputs.yml')).toHaveLength(4);
    });
  });

  describe('permissions', () => {
    it('a publishing step under a read-only workflow block', () => {
      expectFinding(
        'permissions.yml',
        'uses: acme/shipshape/actions/changelog-release',
        'permissions',
        /changelog-release needs contents: write \(create, update and publish the release\); the workflow's permissions \(line 5\) do not grant it/,
      );
    });
    it('a freeze without statuses: write and pull-requests: read', () => {
      expectFinding(
        'permissions.yml',
        'uses: acme/shipshape/actions/deploy-guard',
        'permissions',
        /deploy-guard needs statuses: write \(freeze: the merge-freeze status of open PRs\), pull-requests: read \(freeze: the open PRs\); job 'freeze''s permissions \(line 20\)/,
      );
    });
    it("no permissions anywhere: the repository's default is not assumed to be enough", () => {
      expectFinding(
        'no-permissions.yml',
        'uses:',
        'permissions',
        /deploy-guard needs statuses: write \(freeze sync: the merge-freeze status\); neither job 'sync' nor the workflow declares permissions/,
      );
    });
    it('another token is not judged; write implies read; an expression comment needs the write', () => {
      expect(of('permissions.yml')).toHaveLength(2);
    });
  });

  describe('concurrency of deploy jobs', () => {
    it("inherits the workflow's cancelling group", () => {
      expectFinding(
        'concurrency.yml',
        'concurrency:',
        'concurrency',
        /job 'inherits' deploys, and the workflow's concurrency group has `cancel-in-progress: true`/,
      );
    });
    it('the one-line form, a group without queue: max, and cancel-in-progress with queue', () => {
      expectFinding(
        'concurrency.yml',
        'concurrency: deploy-production',
        'concurrency',
        /job 'short-form' deploys, and its concurrency group keeps one pending run/,
      );
      expectFinding('concurrency.yml', 'concurrency:', 'concurrency', /job 'no-queue' deploys, .*no `queue: max`/, 3);
      expectFinding(
        'concurrency.yml',
        'concurrency:',
        'concurrency',
        /job 'cancels' deploys, .*`cancel-in-progress: true`/,
        4,
      );
      expectFinding(
        'concurrency.yml',
        'queue: max',
        'concurrency',
        /GitHub accepts `queue` only when cancel-in-progress is false or not set/,
      );
    });
    it('a job without a step of ours that deploys (a preview environment, a lint) may cancel', () => {
      expect(of('concurrency.yml')).toHaveLength(5);
    });
  });

  it('a release trigger fed by a release published with GITHUB_TOKEN', () => {
    expectFinding(
      'on-release.yml',
      'release:',
      'release-trigger',
      new RegExp(
        `this workflow does not run for the release published with GITHUB_TOKEN at .*${escape(at('publish.yml', FILES['publish.yml'] ?? '', 'uses:').replace(/:\d+$/, ''))}: GitHub starts no workflow`,
      ),
    );
    expect(of('on-release.yml')).toHaveLength(1);
    expect(of('publish.yml')).toEqual([]);
  });

  it('untrusted text in run:, not in env: and not trusted fields', () => {
    expectFinding(
      'injection.yaml',
      '${{ github.head_ref }}',
      'run-injection',
      /`github\.head_ref` is text anyone .* pass it through env: \(HEAD_REF: \$\{\{ github\.head_ref \}\}\) and use "\$HEAD_REF"/,
    );
    expectFinding(
      'injection.yaml',
      '${{ github.event.pull_request.title }}',
      'run-injection',
      /`github\.event\.pull_request\.title`/,
      2,
    );
    expectFinding(
      'injection.yaml',
      '${{github.event.comment.body}}',
      'run-injection',
      /`github\.event\.comment\.body`/,
    );
    expectFinding(
      'injection.yaml',
      '${{ toJSON(github.event.commits[0].message) }}',
      'run-injection',
      /`github\.event\.commits\[0\]\.message`/,
    );
    expect(of('injection.yaml')).toHaveLength(4);
  });

  it('unreadable YAML and a document that is not a workflow name the file and line', () => {
    expect(of('broken.yml')).toEqual([
      `${at('broken.yml', FILES['broken.yml'] ?? '', '\tsteps')} [syntax] not valid YAML: Tabs are not allowed as indentation`,
    ]);
    expect(of('list.yml')).toEqual(['list.yml:1:1 [syntax] not a workflow: expected a mapping with `on:` and `jobs:`']);
  });
});
