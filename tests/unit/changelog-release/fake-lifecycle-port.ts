import { createHash } from 'node:crypto';
import type { LifecyclePort, Release, ReleaseFields } from '../../../actions/changelog-release/src/github-port';
import {
  PullExistsError,
  RefExistsError,
  type Comparison,
  type PullRequest,
} from '../../../actions/changelog-release/src/repository-port';

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

interface Commit {
  parent: string | undefined;
  files: Map<string, string>;
}

interface Pull extends PullRequest {
  head: string;
  base: string;
  state: 'open' | 'closed';
}

/**
 * An in-memory repository behind the lifecycle port: releases, commits with files, refs and pull requests. It keeps
 * GitHub's rules the modes rely on (a PUT needs the replaced blob's sha, a ref or an open pull request that exists is
 * refused) and records every write, so tests count what a run changed.
 */
export class FakeRepository implements LifecyclePort {
  readonly releases: Release[] = [];
  latestId: number | undefined;
  readonly commits = new Map<string, Commit>();
  readonly refs = new Map<string, string>();
  readonly pulls: Pull[] = [];
  readonly writes: string[] = [];
  defaultBranchName = 'main';
  /** What GET /repos/{owner}/{repo} answers in `permissions.push` for the token. */
  pushAccess = true;
  private nextId = 1;

  constructor() {
    this.commit('main', { 'README.md': '# repo\n' });
  }

  // ---- seeding --------------------------------------------------------------------------------------------------

  commit(branch: string, files: Record<string, string>, parentSha?: string): string {
    const parent = parentSha ?? this.refs.get(`heads/${branch}`) ?? this.refs.get(`heads/${this.defaultBranchName}`);
    const tree = new Map(parent ? this.commits.get(parent)?.files : []);
    for (const [path, text] of Object.entries(files)) tree.set(path, text);
    const sha = sha1(`${parent ?? ''}:${this.nextId++}:${JSON.stringify(files)}`);
    this.commits.set(sha, { parent, files: tree });
    this.refs.set(`heads/${branch}`, sha);
    return sha;
  }

  addRelease(tag: string, options: Partial<Release> & { sha?: string } = {}): Release {
    const { sha, ...fields } = options;
    const release: Release = {
      id: this.nextId++,
      tag_name: tag,
      name: tag,
      body: `Notes of ${tag}`,
      draft: false,
      prerelease: false,
      html_url: `https://github.com/o/r/releases/tag/${tag}`,
      upload_url: `https://uploads.github.com/repos/o/r/releases/${this.nextId}/assets{?name,label}`,
      ...fields,
    };
    if (!release.draft) this.refs.set(`tags/${tag}`, sha ?? this.head(this.defaultBranchName));
    this.releases.unshift(release);
    if (!release.draft && !release.prerelease) this.latestId = release.id;
    return release;
  }

  head(branch: string): string {
    const sha = this.refs.get(`heads/${branch}`);
    if (!sha) throw new Error(`no branch ${branch}`);
    return sha;
  }

  fileAt(ref: string, path: string): string | undefined {
    const sha = this.resolve(ref);
    return sha ? this.commits.get(sha)?.files.get(path) : undefined;
  }

  private resolve(ref: string): string | undefined {
    return this.refs.get(ref) ?? this.refs.get(`heads/${ref}`) ?? (this.commits.has(ref) ? ref : undefined);
  }

  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    for (let at: string | undefined = sha; at; at = this.commits.get(at)?.parent) seen.add(at);
    return seen;
  }

  // ---- releases -------------------------------------------------------------------------------------------------

  async listFirstPage() {
    return { releases: [...this.releases], full: false };
  }
  async listAll() {
    return [...this.releases];
  }
  async create(): Promise<Release> {
    throw new Error('not used by the lifecycle modes');
  }
  async update(id: number, fields: Partial<ReleaseFields>): Promise<Release> {
    this.writes.push(`update release ${id} ${Object.keys(fields).join(',')}`);
    const release = this.releases.find((r) => r.id === id);
    if (!release) throw new Error(`no release ${id}`);
    if (fields.body !== undefined) release.body = fields.body;
    if (fields.make_latest === 'true') this.latestId = id;
    return { ...release };
  }
  async deleteDraft(): Promise<void> {
    throw new Error('not used by the lifecycle modes');
  }
  async readFile(path: string, ref: string) {
    return this.fileAt(ref, path);
  }
  async latestRelease() {
    return this.releases.find((r) => r.id === this.latestId);
  }

  // ---- repository -----------------------------------------------------------------------------------------------

  async commitOf(ref: string) {
    return this.resolve(ref);
  }
  async canPush() {
    return this.pushAccess;
  }
  async defaultBranch() {
    return this.defaultBranchName;
  }
  async branchHead(branch: string) {
    return this.refs.get(`heads/${branch}`);
  }
  async getFile(path: string, ref: string) {
    const text = this.fileAt(ref, path);
    return text === undefined ? undefined : { text, sha: sha1(text) };
  }
  async putFile(change: { path: string; branch: string; text: string; message: string; sha?: string }) {
    this.writes.push(`put ${change.path} on ${change.branch}`);
    const current = this.fileAt(`heads/${change.branch}`, change.path);
    if (!this.refs.has(`heads/${change.branch}`)) throw new Error(`no branch ${change.branch}`);
    if (current !== undefined && change.sha !== sha1(current)) throw new Error('409: sha does not match');
    return this.commit(change.branch, { [change.path]: change.text });
  }
  async listTags() {
    return [...this.refs]
      .filter(([ref]) => ref.startsWith('tags/'))
      .map(([ref, sha]) => ({ name: ref.slice('tags/'.length), sha, type: 'commit' }));
  }
  async createRef(ref: string, sha: string) {
    this.writes.push(`create ${ref}`);
    if (this.refs.has(ref)) throw new RefExistsError(ref);
    this.refs.set(ref, sha);
  }
  async updateRef(ref: string, sha: string, force: boolean) {
    this.writes.push(`update ${ref}${force ? ' (force)' : ''}`);
    const current = this.refs.get(ref);
    if (!current) throw new Error(`422: no ref ${ref}`);
    if (!force && !this.ancestors(sha).has(current)) throw new Error('422: not a fast forward');
    this.refs.set(ref, sha);
    // GitHub marks an open pull request merged when its head becomes a commit its base already has.
    for (const pull of this.pulls) {
      const base = this.refs.get(`heads/${pull.base}`);
      if (pull.state === 'open' && `heads/${pull.head}` === ref && base && this.ancestors(base).has(sha)) {
        pull.state = 'closed';
      }
    }
  }
  async deleteRef(ref: string) {
    this.writes.push(`delete ${ref}`);
    this.refs.delete(ref);
  }
  async compare(base: string, head: string): Promise<Comparison | undefined> {
    const b = this.resolve(base);
    const h = this.resolve(head);
    if (!b || !h) return undefined;
    const fromBase = this.ancestors(b);
    const fromHead = this.ancestors(h);
    const aheadBy = [...fromHead].filter((sha) => !fromBase.has(sha)).length;
    const behindBy = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
    const status = aheadBy && behindBy ? 'diverged' : aheadBy ? 'ahead' : behindBy ? 'behind' : 'identical';
    return { status, aheadBy, behindBy };
  }
  async findOpenPull(head: string, base: string) {
    const pull = this.pulls.find((p) => p.state === 'open' && p.head === head && p.base === base);
    return pull ? { ...pull } : undefined;
  }
  async createPull(fields: { head: string; base: string; title: string; body: string }) {
    this.writes.push(`create pull ${fields.head} -> ${fields.base}`);
    if (this.pulls.some((p) => p.state === 'open' && p.head === fields.head && p.base === fields.base)) {
      throw new PullExistsError(fields.head);
    }
    const number = this.nextId++;
    const pull: Pull = { ...fields, number, html_url: `https://github.com/o/r/pull/${number}`, state: 'open' };
    this.pulls.push(pull);
    return { ...pull };
  }
  async updatePull(number: number, fields: { title?: string; body?: string }) {
    this.writes.push(`update pull ${number}`);
    const pull = this.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`no pull ${number}`);
    Object.assign(pull, fields);
    return { ...pull };
  }
}
