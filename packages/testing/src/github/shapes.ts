import { blobSha, sha1, type CommitRecord, type FileChange } from './git';
import type { CommitComparison } from './compare';
import type {
  ApprovalRecord,
  CheckRunRecord,
  CommentRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  EmulatedRepository,
  IssueRecord,
  PullRequestFileSeed,
  PullRequestRecord,
  ReleaseRecord,
  ReviewRecord,
  StatusRecord,
  WorkflowRecord,
  WorkflowRunRecord,
} from './state';

/**
 * GitHub-shaped JSON for the emulator's records. Every object carries the fields the description marks required
 * (the test suite validates each route's answer against the fixture's response schemas), with plausible values.
 */

export interface ShapeContext {
  /** The API base URL, e.g. http://127.0.0.1:PORT or …/api/v3. */
  api: string;
  /** The web base URL for html_url fields. */
  web: string;
}

type JsonObject = Record<string, unknown>;

const KNOWN_USER_IDS: Record<string, number> = {
  'github-actions[bot]': 41898282,
  octocat: 583231,
  'dependabot[bot]': 49699333,
};

function idOf(text: string): number {
  return 1_000_000 + (parseInt(sha1(text).slice(0, 7), 16) % 100_000_000);
}

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');
}

export function user(ctx: ShapeContext, login: string): JsonObject {
  const id = KNOWN_USER_IDS[login] ?? idOf(login);
  const bot = login.endsWith('[bot]');
  const url = `${ctx.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(bot ? 'Bot' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${ctx.web}/${bot ? `apps/${login.replace(/\[bot\]$/, '')}` : login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: bot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

function repoUrls(ctx: ShapeContext, repo: EmulatedRepository): JsonObject {
  const url = `${ctx.api}/repos/${repo.full_name}`;
  return {
    html_url: `${ctx.web}/${repo.full_name}`,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
  };
}

export function minimalRepository(ctx: ShapeContext, repo: EmulatedRepository): JsonObject {
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.full_name,
    private: repo.private,
    owner: user(ctx, repo.owner),
    description: repo.description,
    fork: false,
    ...repoUrls(ctx, repo),
  };
}

/** The `repository` schema (pull request heads and bases); `full` adds full-repository's extra fields. */
export function repository(ctx: ShapeContext, repo: EmulatedRepository, full = false, pushAccess = true): JsonObject {
  const pushed =
    [...repo.commits.values()]
      .map((c) => c.committer.date)
      .sort()
      .pop() ?? repo.created_at;
  const base = {
    ...minimalRepository(ctx, repo),
    git_url: `git://github.com/${repo.full_name}.git`,
    ssh_url: `git@github.com:${repo.full_name}.git`,
    clone_url: `${ctx.web}/${repo.full_name}.git`,
    svn_url: `${ctx.web}/${repo.full_name}`,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.default_branch,
    open_issues_count: [...repo.pullRequests.values(), ...repo.issues.values()].filter((i) => i.state === 'open')
      .length,
    open_issues: [...repo.pullRequests.values(), ...repo.issues.values()].filter((i) => i.state === 'open').length,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: pushed,
    created_at: repo.created_at,
    updated_at: pushed,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
  };
  if (!full) return base;
  return {
    ...base,
    // The token's own rights on the repository: push only with contents: write (a restricted read token has none).
    permissions: { admin: false, maintain: false, push: pushAccess, triage: true, pull: true },
    temp_clone_token: '',
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function gitRef(ctx: ShapeContext, repo: EmulatedRepository, ref: string, sha: string): JsonObject {
  const base = `${ctx.api}/repos/${repo.full_name}`;
  return {
    ref,
    node_id: nodeId('Ref', `${repo.id}:${ref}`),
    url: `${base}/git/${ref}`,
    object: { type: 'commit', sha, url: `${base}/git/commits/${sha}` },
  };
}

function gitUser(person: CommitRecord['author']): JsonObject {
  return { name: person.name, email: person.email, date: person.date };
}

export function diffEntry(ctx: ShapeContext, repo: EmulatedRepository, ref: string, change: FileChange): JsonObject {
  const encoded = change.filename.split('/').map(encodeURIComponent).join('/');
  const entry: JsonObject = {
    sha: change.sha,
    filename: change.filename,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.changes,
    blob_url: `${ctx.web}/${repo.full_name}/blob/${ref}/${encoded}`,
    raw_url: `${ctx.web}/${repo.full_name}/raw/${ref}/${encoded}`,
    contents_url: `${ctx.api}/repos/${repo.full_name}/contents/${encoded}?ref=${ref}`,
  };
  if (change.patch !== undefined) entry.patch = change.patch;
  if (change.previous_filename !== undefined) entry.previous_filename = change.previous_filename;
  return entry;
}

export function commit(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  record: CommitRecord,
  files: FileChange[],
  allFiles: FileChange[],
): JsonObject {
  const base = `${ctx.api}/repos/${repo.full_name}`;
  const additions = allFiles.reduce((n, f) => n + f.additions, 0);
  const deletions = allFiles.reduce((n, f) => n + f.deletions, 0);
  const author = record.authorLogin ? user(ctx, record.authorLogin) : null;
  return {
    sha: record.sha,
    node_id: nodeId('Commit', record.sha),
    url: `${base}/commits/${record.sha}`,
    html_url: `${ctx.web}/${repo.full_name}/commit/${record.sha}`,
    comments_url: `${base}/commits/${record.sha}/comments`,
    commit: {
      url: `${base}/git/commits/${record.sha}`,
      author: gitUser(record.author),
      committer: gitUser(record.committer),
      message: record.message,
      comment_count: 0,
      tree: { sha: record.treeSha, url: `${base}/git/trees/${record.treeSha}` },
      verification: { verified: false, reason: 'unsigned', payload: null, signature: null, verified_at: null },
    },
    author,
    committer: author,
    parents: record.parents.map((sha) => ({
      sha,
      url: `${base}/commits/${sha}`,
      html_url: `${ctx.web}/${repo.full_name}/commit/${sha}`,
    })),
    stats: { additions, deletions, total: additions + deletions },
    files: files.map((f) => diffEntry(ctx, repo, record.sha, f)),
  };
}

export function contentFile(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  path: string,
  ref: string,
  text: string,
): JsonObject {
  const sha = blobSha(text);
  const self = `${ctx.api}/repos/${repo.full_name}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const html = `${ctx.web}/${repo.full_name}/blob/${ref}/${path}`;
  const git = `${ctx.api}/repos/${repo.full_name}/git/blobs/${sha}`;
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text, 'utf8'),
    name: path.split('/').pop() ?? path,
    path,
    // GitHub wraps base64 content at 60 characters.
    content: `${base64.replace(/(.{60})/g, '$1\n')}\n`,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${repo.full_name}/${ref}/${path}`,
    _links: { self, git, html },
  };
}

export function contentDirectoryEntry(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  path: string,
  ref: string,
  kind: 'file' | 'dir',
  text?: string,
): JsonObject {
  const sha = kind === 'file' ? blobSha(text ?? '') : sha1(`tree ${repo.full_name} ${ref} ${path}`);
  const self = `${ctx.api}/repos/${repo.full_name}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const html = `${ctx.web}/${repo.full_name}/${kind === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  const git = `${ctx.api}/repos/${repo.full_name}/git/${kind === 'file' ? 'blobs' : 'trees'}/${sha}`;
  return {
    type: kind,
    size: kind === 'file' ? Buffer.byteLength(text ?? '', 'utf8') : 0,
    name: path.split('/').pop() ?? path,
    path,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: kind === 'file' ? `https://raw.githubusercontent.com/${repo.full_name}/${ref}/${path}` : null,
    _links: { self, git, html },
  };
}

export function release(ctx: ShapeContext, repo: EmulatedRepository, record: ReleaseRecord): JsonObject {
  const url = `${ctx.api}/repos/${repo.full_name}/releases/${record.id}`;
  const tag = encodeURIComponent(record.tag_name);
  return {
    url,
    html_url: record.draft
      ? `${ctx.web}/${repo.full_name}/releases/tag/untagged-${record.id}`
      : `${ctx.web}/${repo.full_name}/releases/tag/${tag}`,
    assets_url: `${url}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.full_name}/releases/${record.id}/assets{?name,label}`,
    tarball_url: record.draft ? null : `${ctx.api}/repos/${repo.full_name}/tarball/${tag}`,
    zipball_url: record.draft ? null : `${ctx.api}/repos/${repo.full_name}/zipball/${tag}`,
    id: record.id,
    node_id: nodeId('Release', record.id),
    tag_name: record.tag_name,
    target_commitish: record.target_commitish,
    name: record.name,
    body: record.body,
    draft: record.draft,
    prerelease: record.prerelease,
    immutable: record.immutable,
    created_at: record.created_at,
    updated_at: record.created_at,
    published_at: record.published_at,
    author: user(ctx, record.author),
    assets: record.assets.map((asset) => ({
      url: `${ctx.api}/repos/${repo.full_name}/releases/assets/${asset.id}`,
      browser_download_url: `${ctx.web}/${repo.full_name}/releases/download/${tag}/${encodeURIComponent(asset.name)}`,
      id: asset.id,
      node_id: nodeId('ReleaseAsset', asset.id),
      name: asset.name,
      label: null,
      state: 'uploaded',
      content_type: asset.content_type,
      size: asset.size,
      digest: null,
      download_count: 0,
      created_at: asset.created_at,
      updated_at: asset.created_at,
      uploader: user(ctx, asset.uploader),
    })),
  };
}

function label(ctx: ShapeContext, repo: EmulatedRepository, name: string): JsonObject {
  const id = idOf(`${repo.full_name}#label:${name}`);
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${ctx.api}/repos/${repo.full_name}/labels/${encodeURIComponent(name)}`,
    name,
    description: '',
    color: sha1(name).slice(0, 6),
    default: false,
  };
}

export function labels(ctx: ShapeContext, repo: EmulatedRepository, names: string[]): JsonObject[] {
  return names.map((name) => label(ctx, repo, name));
}

function link(href: string): JsonObject {
  return { href };
}

function branchSide(ctx: ShapeContext, repo: EmulatedRepository, ref: string, sha: string): JsonObject {
  return { label: `${repo.owner}:${ref}`, ref, sha, user: user(ctx, repo.owner), repo: repository(ctx, repo) };
}

/** pull-request-simple (lists) or, with `full`, pull-request (GET one). */
export function pullRequest(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  pr: PullRequestRecord,
  full: boolean,
): JsonObject {
  const base = `${ctx.api}/repos/${repo.full_name}`;
  const url = `${base}/pulls/${pr.number}`;
  const html = `${ctx.web}/${repo.full_name}/pull/${pr.number}`;
  const baseSha = repo.refs.get(`refs/heads/${pr.base}`) ?? pr.head.sha;
  const shape: JsonObject = {
    url,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${base}/issues/${pr.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${base}/pulls/comments{/number}`,
    comments_url: `${base}/issues/${pr.number}/comments`,
    statuses_url: `${base}/statuses/${pr.head.sha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: user(ctx, pr.user),
    body: pr.body,
    labels: labels(ctx, repo, pr.labels),
    milestone: null,
    active_lock_reason: null,
    created_at: pr.created_at,
    updated_at: pr.updated_at,
    closed_at: pr.closed_at,
    merged_at: pr.merged_at,
    merge_commit_sha: pr.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branchSide(ctx, repo, pr.head.ref, pr.head.sha),
    base: branchSide(ctx, repo, pr.base, baseSha),
    _links: {
      self: link(url),
      html: link(html),
      issue: link(`${base}/issues/${pr.number}`),
      comments: link(`${base}/issues/${pr.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${base}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${base}/statuses/${pr.head.sha}`),
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: pr.draft,
  };
  if (!full) return shape;
  const files = pullRequestFiles(pr);
  return {
    ...shape,
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.merged ? user(ctx, 'octocat') : null,
    comments: repo.comments(pr.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

/** A pull request's changed files, with counts for the ones seeded by name only. */
export function pullRequestFiles(pr: PullRequestRecord): FileChange[] {
  return pr.files.map((seed: PullRequestFileSeed) => {
    const file = typeof seed === 'string' ? { filename: seed } : seed;
    const additions = file.additions ?? 1;
    const deletions = file.deletions ?? 0;
    const change: FileChange = {
      filename: file.filename,
      status: file.status ?? 'modified',
      additions,
      deletions,
      changes: additions + deletions,
      sha: file.status === 'removed' ? null : blobSha(`${pr.number}:${file.filename}`),
    };
    if (file.patch !== undefined) change.patch = file.patch;
    if (file.previous_filename !== undefined) change.previous_filename = file.previous_filename;
    return change;
  });
}

export function pullRequestMinimal(repo: EmulatedRepository, pr: PullRequestRecord): JsonObject {
  const baseSha = repo.refs.get(`refs/heads/${pr.base}`) ?? pr.head.sha;
  return {
    id: pr.id,
    number: pr.number,
    url: `/repos/${repo.full_name}/pulls/${pr.number}`,
    head: {
      ref: pr.head.ref,
      sha: pr.head.sha,
      repo: { id: repo.id, url: `/repos/${repo.full_name}`, name: repo.name },
    },
    base: { ref: pr.base, sha: baseSha, repo: { id: repo.id, url: `/repos/${repo.full_name}`, name: repo.name } },
  };
}

export function issue(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  record: IssueRecord | PullRequestRecord,
): JsonObject {
  const base = `${ctx.api}/repos/${repo.full_name}`;
  const isPull = 'head' in record;
  const assignees = isPull ? [] : record.assignees;
  const url = `${base}/issues/${record.number}`;
  const shape: JsonObject = {
    id: record.id,
    node_id: nodeId(isPull ? 'PullRequest' : 'Issue', record.id),
    url,
    repository_url: base,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${ctx.web}/${repo.full_name}/${isPull ? 'pull' : 'issues'}/${record.number}`,
    number: record.number,
    state: record.state,
    state_reason: isPull ? null : record.state_reason,
    title: record.title,
    body: record.body,
    user: user(ctx, record.user),
    labels: labels(ctx, repo, record.labels),
    assignee: assignees[0] ? user(ctx, assignees[0]) : null,
    assignees: assignees.map((login) => user(ctx, login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: repo.comments(record.number).length,
    closed_at: record.closed_at,
    created_at: record.created_at,
    updated_at: record.updated_at,
    author_association: 'CONTRIBUTOR',
  };
  if (isPull) {
    const pr = record;
    shape.draft = pr.draft;
    shape.pull_request = {
      url: `${base}/pulls/${pr.number}`,
      html_url: `${ctx.web}/${repo.full_name}/pull/${pr.number}`,
      diff_url: `${ctx.web}/${repo.full_name}/pull/${pr.number}.diff`,
      patch_url: `${ctx.web}/${repo.full_name}/pull/${pr.number}.patch`,
      merged_at: pr.merged_at,
    };
  }
  return shape;
}

export function issueComment(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  number: number,
  comment: CommentRecord,
): JsonObject {
  const base = `${ctx.api}/repos/${repo.full_name}`;
  const isPull = repo.pullRequests.has(number);
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${base}/issues/comments/${comment.id}`,
    html_url: `${ctx.web}/${repo.full_name}/${isPull ? 'pull' : 'issues'}/${number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: user(ctx, comment.user.login),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    issue_url: `${base}/issues/${number}`,
    author_association: comment.user.login.endsWith('[bot]') ? 'NONE' : 'CONTRIBUTOR',
  };
}

export function review(ctx: ShapeContext, repo: EmulatedRepository, number: number, record: ReviewRecord): JsonObject {
  const pullUrl = `${ctx.api}/repos/${repo.full_name}/pulls/${number}`;
  const htmlUrl = `${ctx.web}/${repo.full_name}/pull/${number}#pullrequestreview-${record.id}`;
  return {
    id: record.id,
    node_id: nodeId('PullRequestReview', record.id),
    user: user(ctx, record.user.login),
    body: record.body,
    state: record.state,
    html_url: htmlUrl,
    pull_request_url: pullUrl,
    _links: { html: { href: htmlUrl }, pull_request: { href: pullUrl } },
    // Pending reviews have not been submitted.
    ...(record.state === 'PENDING' ? {} : { submitted_at: record.submitted_at }),
    commit_id: record.commit_id,
    author_association: 'MEMBER',
  };
}

export function status(ctx: ShapeContext, repo: EmulatedRepository, record: StatusRecord): JsonObject {
  return {
    url: `${ctx.api}/repos/${repo.full_name}/statuses/${record.sha}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${KNOWN_USER_IDS[record.creator] ?? idOf(record.creator)}?v=4`,
    id: record.id,
    node_id: nodeId('StatusContext', record.id),
    state: record.state,
    description: record.description,
    target_url: record.target_url,
    context: record.context,
    created_at: record.created_at,
    updated_at: record.updated_at,
    creator: user(ctx, record.creator),
  };
}

export function simpleStatus(ctx: ShapeContext, repo: EmulatedRepository, record: StatusRecord): JsonObject {
  const { creator: _creator, ...rest } = status(ctx, repo, record);
  return { ...rest, required: false };
}

export function checkRun(ctx: ShapeContext, repo: EmulatedRepository, record: CheckRunRecord): JsonObject {
  const url = `${ctx.api}/repos/${repo.full_name}/check-runs/${record.id}`;
  const now = record.started_at ?? repo.created_at;
  const pulls = [...repo.pullRequests.values()].filter((pr) => pr.state === 'open' && pr.head.sha === record.head_sha);
  return {
    id: record.id,
    head_sha: record.head_sha,
    node_id: nodeId('CheckRun', record.id),
    external_id: record.external_id,
    url,
    html_url: `${ctx.web}/${repo.full_name}/runs/${record.id}`,
    details_url: record.details_url,
    status: record.status,
    conclusion: record.conclusion,
    started_at: record.started_at,
    completed_at: record.completed_at,
    output: { ...record.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: record.name,
    check_suite: { id: record.check_suite_id ?? appCheckSuiteId(repo, record.head_sha, record.app.id) },
    app: {
      id: record.app.id,
      slug: record.app.slug,
      node_id: nodeId('App', record.app.id),
      owner: user(ctx, 'github'),
      name: record.app.name,
      description: '',
      external_url: `${ctx.web}/apps/${record.app.slug}`,
      html_url: `${ctx.web}/apps/${record.app.slug}`,
      created_at: now,
      updated_at: now,
      permissions: {},
      events: [],
    },
    pull_requests: pulls.map((pr) => pullRequestMinimal(repo, pr)),
  };
}

export function workflow(ctx: ShapeContext, repo: EmulatedRepository, record: WorkflowRecord): JsonObject {
  return {
    id: record.id,
    node_id: nodeId('Workflow', record.id),
    name: record.name,
    path: record.path,
    state: record.state,
    created_at: record.created_at,
    updated_at: record.updated_at,
    url: `${ctx.api}/repos/${repo.full_name}/actions/workflows/${record.id}`,
    html_url: `${ctx.web}/${repo.full_name}/blob/${repo.default_branch}/${record.path}`,
    badge_url: `${ctx.web}/${repo.full_name}/workflows/${encodeURIComponent(record.name)}/badge.svg`,
  };
}

/** The check suite of an app's check runs on a commit (one per app and commit, for apps other than Actions). */
export function appCheckSuiteId(repo: EmulatedRepository, sha: string, appId: number): number {
  return idOf(`${repo.full_name}:suite:${sha}:${appId}`);
}

/** The check suite of a workflow run: its jobs' check runs belong to it. */
export function runCheckSuiteId(repo: EmulatedRepository, run: WorkflowRunRecord): number {
  return idOf(`${repo.full_name}:run-suite:${run.id}`);
}

export function workflowRun(ctx: ShapeContext, repo: EmulatedRepository, run: WorkflowRunRecord): JsonObject {
  const wf = repo.workflows.find((w) => w.id === run.workflow_id);
  const base = `${ctx.api}/repos/${repo.full_name}`;
  const url = `${base}/actions/runs/${run.id}`;
  const head = repo.commits.get(run.head_sha);
  const pulls = [...repo.pullRequests.values()].filter((pr) => pr.state === 'open' && pr.head.sha === run.head_sha);
  return {
    id: run.id,
    name: wf?.name ?? null,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: runCheckSuiteId(repo, run),
    check_suite_node_id: nodeId('CheckSuite', run.id),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: wf?.path ?? '',
    run_number: run.run_number,
    run_attempt: run.run_attempt,
    event: run.event,
    display_title: run.display_title,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    url,
    html_url: `${ctx.web}/${repo.full_name}/actions/runs/${run.id}`,
    pull_requests: pulls.map((pr) => pullRequestMinimal(repo, pr)),
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_started_at: run.run_started_at,
    actor: user(ctx, run.actor),
    triggering_actor: user(ctx, run.actor),
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${base}/check-suites/${runCheckSuiteId(repo, run)}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.run_attempt > 1 ? `${url}/attempts/${run.run_attempt - 1}` : null,
    workflow_url: `${base}/actions/workflows/${run.workflow_id}`,
    head_commit: head
      ? {
          id: head.sha,
          tree_id: head.treeSha,
          message: head.message,
          timestamp: head.committer.date,
          author: { name: head.author.name, email: head.author.email },
          committer: { name: head.committer.name, email: head.committer.email },
        }
      : null,
    repository: minimalRepository(ctx, repo),
    head_repository: minimalRepository(ctx, repo),
  };
}

/** The jobs GET …/runs/{id}/jobs lists (EmulatedRepository.jobsOf: seeded ones, or jobs that follow the run). */
export function jobs(ctx: ShapeContext, repo: EmulatedRepository, run: WorkflowRunRecord): JsonObject[] {
  const wf = repo.workflows.find((w) => w.id === run.workflow_id);
  return repo.jobsOf(run).map((job) => {
    const id = job.id;
    const jobStatus = job.status;
    const conclusion = job.conclusion;
    // A job that has not started has no runner yet.
    const assigned = jobStatus === 'in_progress' || jobStatus === 'completed';
    return {
      id,
      run_id: run.id,
      run_url: `${ctx.api}/repos/${repo.full_name}/actions/runs/${run.id}`,
      run_attempt: run.run_attempt,
      node_id: nodeId('CheckRun', id),
      head_sha: run.head_sha,
      url: `${ctx.api}/repos/${repo.full_name}/actions/jobs/${id}`,
      html_url: `${ctx.web}/${repo.full_name}/actions/runs/${run.id}/job/${id}`,
      status: jobStatus,
      conclusion,
      created_at: run.created_at,
      started_at: run.run_started_at,
      completed_at: jobStatus === 'completed' ? run.updated_at : null,
      name: job.name,
      steps: [],
      check_run_url: `${ctx.api}/repos/${repo.full_name}/check-runs/${id}`,
      labels: ['ubuntu-latest'],
      runner_id: assigned ? 1 : null,
      runner_name: assigned ? 'GitHub Actions 1' : null,
      runner_group_id: assigned ? 1 : null,
      runner_group_name: assigned ? 'GitHub Actions' : null,
      workflow_name: wf?.name ?? null,
      head_branch: run.head_branch,
    };
  });
}

export function variable(repo: EmulatedRepository, name: string): JsonObject | undefined {
  const value = repo.variables.get(name);
  if (value === undefined) return undefined;
  const times = repo.variableTimes.get(name) ?? { created_at: repo.created_at, updated_at: repo.created_at };
  return { name, value, created_at: times.created_at, updated_at: times.updated_at };
}

export function deployment(ctx: ShapeContext, repo: EmulatedRepository, record: DeploymentRecord): JsonObject {
  const url = `${ctx.api}/repos/${repo.full_name}/deployments/${record.id}`;
  return {
    url,
    id: record.id,
    node_id: nodeId('Deployment', record.id),
    sha: record.sha,
    ref: record.ref,
    task: record.task,
    payload: record.payload,
    original_environment: record.original_environment,
    environment: record.environment,
    description: record.description,
    creator: user(ctx, record.creator),
    created_at: record.created_at,
    updated_at: record.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: `${ctx.api}/repos/${repo.full_name}`,
    transient_environment: record.transient_environment,
    production_environment: record.production_environment,
    performed_via_github_app: null,
  };
}

export function deploymentStatus(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  deploymentRecord: DeploymentRecord,
  record: DeploymentStatusRecord,
): JsonObject {
  const deploymentUrl = `${ctx.api}/repos/${repo.full_name}/deployments/${deploymentRecord.id}`;
  return {
    url: `${deploymentUrl}/statuses/${record.id}`,
    id: record.id,
    node_id: nodeId('DeploymentStatus', record.id),
    state: record.state,
    creator: user(ctx, record.creator),
    description: record.description,
    environment: record.environment,
    // GitHub answers '' for a status posted without a URL, but the description requires a URI here: the
    // repository's deployments page keeps the answer valid and is never mistaken for a run's URL.
    target_url: record.target_url === '' ? `${ctx.web}/${repo.full_name}/deployments` : record.target_url,
    created_at: record.created_at,
    updated_at: record.updated_at,
    deployment_url: deploymentUrl,
    repository_url: `${ctx.api}/repos/${repo.full_name}`,
    // Optional URLs are left out when unset: the description declares them `format: uri`, which '' is not.
    ...(record.environment_url === '' ? {} : { environment_url: record.environment_url }),
    ...(record.log_url === '' ? {} : { log_url: record.log_url }),
    performed_via_github_app: null,
  };
}

/** The answer to creating or updating a file (PUT …/contents/{path}): the file and the commit that wrote it. */
export function fileCommit(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  record: CommitRecord,
  path: string,
  branch: string,
  text: string,
): JsonObject {
  const base = `${ctx.api}/repos/${repo.full_name}`;
  const { content: _encoded, encoding: _encoding, ...file } = contentFile(ctx, repo, path, branch, text);
  return {
    content: file,
    commit: {
      sha: record.sha,
      node_id: nodeId('Commit', record.sha),
      url: `${base}/git/commits/${record.sha}`,
      html_url: `${ctx.web}/${repo.full_name}/commit/${record.sha}`,
      author: gitUser(record.author),
      committer: gitUser(record.committer),
      message: record.message,
      tree: { sha: record.treeSha, url: `${base}/git/trees/${record.treeSha}` },
      parents: record.parents.map((sha) => ({
        sha,
        url: `${base}/git/commits/${sha}`,
        html_url: `${ctx.web}/${repo.full_name}/commit/${sha}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
  };
}

/** A commit inside a comparison (its `commits`, `base_commit`, `merge_base_commit`): no stats or files. */
function comparedCommit(ctx: ShapeContext, repo: EmulatedRepository, record: CommitRecord): JsonObject {
  const { stats: _stats, files: _files, ...rest } = commit(ctx, repo, record, [], []);
  return rest;
}

/** The answer of GET …/compare/{basehead} (`commit-comparison`), with one page of commits and maybe the files. */
export function comparison(
  ctx: ShapeContext,
  repo: EmulatedRepository,
  page: {
    baseRef: string;
    headRef: string;
    comparison: CommitComparison;
    commits: CommitRecord[];
    files: FileChange[] | undefined;
  },
): JsonObject {
  const { baseRef, headRef, comparison: result } = page;
  const range = `${baseRef}...${headRef}`;
  const web = `${ctx.web}/${repo.full_name}/compare/${range}`;
  const short = (sha: string): string => sha.slice(0, 7);
  const shape: JsonObject = {
    url: `${ctx.api}/repos/${repo.full_name}/compare/${range}`,
    html_url: web,
    permalink_url: `${ctx.web}/${repo.full_name}/compare/${repo.owner}:${short(result.base.sha)}...${repo.owner}:${short(result.head.sha)}`,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    base_commit: comparedCommit(ctx, repo, result.base),
    merge_base_commit: comparedCommit(ctx, repo, result.mergeBase),
    status: result.status,
    ahead_by: result.ahead.length,
    behind_by: result.behindBy,
    total_commits: result.ahead.length,
    commits: page.commits.map((c) => comparedCommit(ctx, repo, c)),
  };
  if (page.files) shape.files = page.files.map((f) => diffEntry(ctx, repo, result.head.sha, f));
  return shape;
}

/** An entry of a run's review history (`environment-approvals`). */
export function approval(ctx: ShapeContext, repo: EmulatedRepository, record: ApprovalRecord): JsonObject {
  return {
    environments: record.environments.map((name) => {
      const id = idOf(`${repo.full_name}:environment:${name}`);
      return {
        id,
        node_id: nodeId('Environment', id),
        name,
        url: `${ctx.api}/repos/${repo.full_name}/environments/${encodeURIComponent(name)}`,
        html_url: `${ctx.web}/${repo.full_name}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
        created_at: repo.created_at,
        updated_at: repo.created_at,
      };
    }),
    state: record.state,
    user: user(ctx, record.user),
    comment: record.comment,
  };
}
