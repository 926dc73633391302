import { describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '@shipshape/github';
import { MemoryLogger } from '@shipshape/kit';
import { githubPlanLintPort } from '../../../actions/plan-lint/src/github-port';

/**
 * Who plan-lint's token writes comments as (issue 15 item 9), through the real client with a recording fetch.
 * GitHub's token formats (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/): `ghs_`
 * for installation tokens, which GITHUB_TOKEN is; `ghp_`/`github_pat_` for personal access tokens, `gho_` OAuth,
 * `ghu_` user-to-server. Installation tokens get 403 "Resource not accessible by integration" from `GET /user`
 * (https://docs.github.com/rest/users/users#get-the-authenticated-user; actions/create-github-app-token#258).
 */

function portWith(
  token: string,
  answer: (url: string) => Response,
): { port: ReturnType<typeof githubPlanLintPort>; urls: string[] } {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    return answer(url);
  }) as typeof globalThis.fetch;
  const octokit = createGitHubClient({
    token,
    baseUrl: 'https://api.github.example',
    log: new MemoryLogger(),
    fetch,
    retries: 0,
  });
  return { port: githubPlanLintPort(octokit, 'octo-org', 'octo-repo'), urls };
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the token identity plan-lint adopts comments by', () => {
  it.each([
    ['ghs_0123456789abcdefghijklmnopqrstuvwxyz', 'installation'],
    ['v1.0123456789abcdef0123456789abcdef01234567', 'installation'],
    ['ghp_0123456789abcdefghijklmnopqrstuvwxyz', 'user'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'user'],
    ['gho_0123456789abcdefghijklmnopqrstuvwxyz', 'user'],
    ['ghu_0123456789abcdefghijklmnopqrstuvwxyz', 'user'],
  ])('%s: a token of kind %s, told from its form without a request', async (token, kind) => {
    const { port, urls } = portWith(token, () => json(500, {}));
    expect(await port.tokenKind()).toBe(kind);
    expect(urls).toEqual([]);
  });

  it("a user token's login comes from GET /user, asked once per run", async () => {
    const { port, urls } = portWith('ghp_0123456789abcdefghijklmnopqrstuvwxyz', () =>
      json(200, { login: 'deploy-robot', type: 'User' }),
    );
    expect(await port.viewerLogin()).toBe('deploy-robot');
    expect(await port.viewerLogin()).toBe('deploy-robot');
    expect(urls).toEqual(['https://api.github.example/user']);
  });

  it('a token GET /user refuses (an installation token of another form) has no user login', async () => {
    const { port } = portWith('0123456789abcdef0123456789abcdef01234567', () =>
      json(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403',
      }),
    );
    expect(await port.viewerLogin()).toBeUndefined();
  });
});
