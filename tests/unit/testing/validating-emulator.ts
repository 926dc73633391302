import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';

/**
 * One GitHub emulator for a test file, validating every answer against the OpenAPI description: started before the
 * tests, checked for contract violations after each, closed after all. `freshRepo()` gives each test its own
 * repository, named after `prefix`.
 */
export function validatingEmulator(prefix: string): {
  readonly github: GitHubEmulator;
  freshRepo(): { path: string; repo: ReturnType<GitHubEmulator['repo']> };
} {
  let started: GitHubEmulator | undefined;
  let counter = 0;
  const github = (): GitHubEmulator => {
    if (!started) throw new Error('the emulator is started in beforeAll; use it inside a test');
    return started;
  };
  beforeAll(async () => {
    started = await startGitHubEmulator({ validateResponses: true });
  });
  afterEach(() => {
    github().assertNoViolations();
    github().resetTraffic();
  });
  afterAll(() => github().close());
  return {
    get github() {
      return github();
    },
    freshRepo() {
      const name = `octo-org/${prefix}-${++counter}`;
      return { path: `/repos/${name}`, repo: github().repo(name) };
    },
  };
}
