import type { CommentInfo, DirectoryEntry, PlanLintPort, PullInfo } from '../../../actions/plan-lint/src/github-port';

/** An in-memory repository for plan-lint's port: files per ref, one PR, its comments; every call is recorded. */
export class FakePlanLintPort implements PlanLintPort {
  readonly calls: string[] = [];
  readonly comments: CommentInfo[] = [];
  files: Record<string, Record<string, string>> = {};
  changed: string[] = [];
  failWrites = false;
  /** What the token acts as: GITHUB_TOKEN by default, or a personal access token of `viewer`'s user. */
  token: { kind: 'installation'; login: string } | { kind: 'user'; login: string } = {
    kind: 'installation',
    login: 'github-actions[bot]',
  };
  private nextId = 1;

  constructor(public pr: PullInfo) {}

  async getPull(number: number): Promise<PullInfo> {
    this.calls.push(`getPull ${number}`);
    return this.pr;
  }
  async changedFiles(): Promise<string[]> {
    this.calls.push('changedFiles');
    return this.changed;
  }
  async readFile(path: string, ref: string): Promise<string | undefined> {
    this.calls.push(`readFile ${path}@${ref}`);
    return this.files[ref]?.[path];
  }
  async listDirectory(path: string, ref: string): Promise<DirectoryEntry[] | undefined> {
    this.calls.push(`list ${path}@${ref}`);
    const prefix = path === '' ? '' : `${path}/`;
    const entries = new Map<string, DirectoryEntry>();
    for (const file of Object.keys(this.files[ref] ?? {})) {
      if (!file.startsWith(prefix)) continue;
      const [name = '', ...rest] = file.slice(prefix.length).split('/');
      entries.set(name, { name, path: `${prefix}${name}`, type: rest.length > 0 ? 'dir' : 'file' });
    }
    return entries.size === 0 ? undefined : [...entries.values()];
  }
  async tokenKind(): Promise<'installation' | 'user'> {
    return this.token.kind;
  }
  async viewerLogin(): Promise<string | undefined> {
    this.calls.push('viewerLogin');
    return this.token.kind === 'user' ? this.token.login : undefined;
  }
  async listComments(): Promise<CommentInfo[]> {
    this.calls.push('listComments');
    return this.comments.map((c) => ({ ...c }));
  }
  async createComment(_number: number, body: string): Promise<CommentInfo> {
    this.calls.push('createComment');
    if (this.failWrites) throw new Error('Resource not accessible by integration');
    const { login } = this.token;
    const comment = { id: this.nextId++, body, user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' } };
    this.comments.push(comment);
    return { ...comment };
  }
  async deleteComment(id: number): Promise<void> {
    this.calls.push(`deleteComment ${id}`);
    if (this.failWrites) throw new Error('Resource not accessible by integration');
    const at = this.comments.findIndex((c) => c.id === id);
    if (at >= 0) this.comments.splice(at, 1);
  }
  async updateComment(id: number, body: string): Promise<void> {
    this.calls.push(`updateComment ${id}`);
    if (this.failWrites) throw new Error('Resource not accessible by integration');
    const comment = this.comments.find((c) => c.id === id);
    if (comment) comment.body = body;
  }
}

export function pull(fields: Partial<PullInfo> = {}): PullInfo {
  return {
    number: 5,
    title: 'Export orders',
    body: '',
    draft: false,
    state: 'open',
    user: { login: 'octocat' },
    labels: [],
    base: { ref: 'main', sha: 'a'.repeat(40) },
    head: { sha: 'b'.repeat(40) },
    ...fields,
  };
}
