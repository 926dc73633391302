import { ApiError } from '@shipshape/kit';
import type { ApprovalHistory, IssueRecord, PostmortemPort } from '../../../actions/deploy-record/src/github-port';

/** An in-memory issue tracker behind the PostmortemPort, counting the writes. */
export class FakePostmortemPort implements PostmortemPort {
  readonly issues: IssueRecord[] = [];
  readonly calls: string[] = [];
  history: ApprovalHistory = { known: true, approvals: [] };
  createdAt: string | undefined = '2026-12-05T10:00:00Z';
  kind: 'installation' | 'user' = 'installation';
  /** The next createIssue creates the issue and then fails, as a 502 after the write would. */
  failAfterCreate = false;
  /** The next createIssue fails without creating anything, with this HTTP status. */
  failBeforeCreate: number | undefined;
  private next = 1;

  async tokenKind(): Promise<'installation' | 'user'> {
    return this.kind;
  }
  async viewerLogin(): Promise<string | undefined> {
    return 'deployer';
  }
  async approvals(): Promise<ApprovalHistory> {
    this.calls.push('approvals');
    return this.history;
  }
  async runCreatedAt(): Promise<string | undefined> {
    return this.createdAt;
  }
  async listIssues(): Promise<{ issues: IssueRecord[]; complete: boolean }> {
    this.calls.push('list');
    return { issues: [...this.issues].reverse(), complete: true };
  }
  async createIssue(fields: { title: string; body: string; labels: string[] }): Promise<IssueRecord> {
    this.calls.push(`create ${fields.labels.join(',')}`);
    const status = this.failBeforeCreate;
    if (status !== undefined) {
      this.failBeforeCreate = undefined;
      throw new ApiError('POST /repos/{owner}/{repo}/issues', status, 'refused');
    }
    const issue = this.add({ title: fields.title, body: fields.body });
    if (this.failAfterCreate) {
      this.failAfterCreate = false;
      throw new ApiError('POST /repos/{owner}/{repo}/issues', 502, 'Bad Gateway');
    }
    return issue;
  }
  async updateIssue(number: number, fields: { body: string }): Promise<IssueRecord> {
    this.calls.push(`update #${number}`);
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) throw new Error('not found');
    issue.body = fields.body;
    return issue;
  }
  add(fields: Partial<IssueRecord> & { body: string }): IssueRecord {
    const number = this.next++;
    const issue: IssueRecord = {
      number,
      html_url: `https://github.com/octo-org/octo-repo/issues/${number}`,
      title: 'Postmortem',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: '2026-12-05T11:30:00Z',
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }
}
