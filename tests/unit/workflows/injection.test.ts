import { describe, expect, it } from '@jest/globals';
import { checkWorkflows, formatFinding } from '@shipshape/workflows';

/** run-injection beyond the directory test: index access to the event, and actions/github-script's script:. */

const check = (text: string): string[] =>
  checkWorkflows([{ path: 'w.yml', text }])
    .filter((f) => f.check === 'run-injection')
    .map(formatFinding);

const job = (steps: string): string => `on: pull_request_target
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
${steps}`;

describe('run-injection', () => {
  it("index access with a literal name is the same field: github.event['pull_request']['title'], mixed forms", () => {
    const findings = check(
      job(`      - run: |
          echo "\${{ github.event['pull_request']['title'] }}"
          echo "\${{ github.event.pull_request['body'] }}"
          echo "\${{ github[ 'head_ref' ] }}"
          echo "\${{ github.event['pull_request'].head.ref }}"
`),
    );
    expect(findings).toEqual([
      'w.yml:8:17: `github.event.pull_request.title` is text anyone opening a PR, issue or comment can write, substituted into the script before it runs: pass it through env: (TITLE: ${{ github.event.pull_request.title }}) and use "$TITLE" [run-injection]',
      expect.stringMatching(/^w\.yml:9:17: `github\.event\.pull_request\.body` /),
      expect.stringMatching(/^w\.yml:10:17: `github\.head_ref` /),
      expect.stringMatching(/^w\.yml:11:17: `github\.event\.pull_request\.head\.ref` /),
    ]);
  });

  it('property names in any letter case, as GitHub reads them', () => {
    expect(check(job(`      - run: echo "\${{ github.event.Pull_Request.TITLE }}"\n`))).toEqual([
      expect.stringMatching(/^w\.yml:7:20: `github\.event\.Pull_Request\.TITLE` .* use "\$TITLE"/),
    ]);
  });

  it('an index with a trusted or unknown name is not untrusted text', () => {
    const safe = job(`      - run: |
          echo "\${{ github.event['pull_request']['number'] }}"
          echo "\${{ github.event['pull_request.title'] }}"
          echo "\${{ github.event.pull_request[matrix.field] }}"
`);
    expect(check(safe)).toEqual([]);
  });

  it("actions/github-script's script: is a script too; through env: it is data", () => {
    const findings = check(
      job(`      - uses: actions/github-script@v7
        with:
          script: |
            const title = "\${{ github.event.issue.title }}";
            core.info(\`\${{ github.event['comment']['body'] }}\`);
      - uses: actions/github-script@v7
        env:
          TITLE: \${{ github.event.issue.title }}
        with:
          script: core.info(process.env.TITLE)
      - uses: acme/other-action@v1
        with:
          script: \${{ github.event.issue.title }}
`),
    );
    expect(findings).toEqual([
      'w.yml:10:28: `github.event.issue.title` is text anyone opening a PR, issue or comment can write, substituted into the JavaScript before it runs: pass it through env: (TITLE: ${{ github.event.issue.title }}) and use process.env.TITLE [run-injection]',
      expect.stringMatching(/^w\.yml:11:24: `github\.event\.comment\.body` .* use process\.env\.BODY/),
    ]);
  });
});
