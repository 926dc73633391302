import { describe, expect, it } from '@jest/globals';
import { refFiles } from '../../../actions/plan-lint/src/base-files';
import { FakePlanLintPort, pull } from './fake-port';

function portWith(files: Record<string, string>): FakePlanLintPort {
  const port = new FakePlanLintPort(pull());
  port.files = { main: files };
  return port;
}

describe('refFiles: reads at one ref, sparing requests a listing already answers', () => {
  it('reads a file directly when its folder has not been listed', async () => {
    const port = portWith({ '.github/plan-lint.yml': 'preset: rollout-rollback\n' });
    const files = refFiles(port, 'main');
    expect(await files.read('.github/plan-lint.yml')).toBe('preset: rollout-rollback\n');
    expect(await files.read('docs/missing.md')).toBeUndefined();
    expect(port.calls).toEqual(['readFile .github/plan-lint.yml@main', 'readFile docs/missing.md@main']);
  });

  it('answers "absent" from a listing without a request, and reads what the listing shows', async () => {
    const port = portWith({
      '.github/pull_request_template.md': '## Summary\n',
      '.github/workflows/ci.yml': 'on: push\n',
    });
    const files = refFiles(port, 'main');
    void files.list('.github');
    expect(await files.read('.github/plan-lint.yml')).toBeUndefined();
    expect(await files.read('.github/workflows')).toBeUndefined();
    expect(await files.read('.github/pull_request_template.md')).toBe('## Summary\n');
    expect(port.calls).toEqual(['list .github@main', 'readFile .github/pull_request_template.md@main']);
  });

  it('answers "absent" for every file of a folder that does not exist', async () => {
    const port = portWith({ 'README.md': '# x\n' });
    const files = refFiles(port, 'main');
    expect(await files.list('.github')).toBeUndefined();
    expect(await files.read('.github/plan-lint.yml')).toBeUndefined();
    expect(port.calls).toEqual(['list .github@main']);
  });

  it('does not trust a listing of 1,000 entries (the API cuts longer ones) and asks each listing and file once', async () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`.github/f${i}.md`, 'x']));
    const port = portWith({ ...many, 'docs/a.md': 'a' });
    const files = refFiles(port, 'main');
    await files.list('.github');
    expect(await files.read('.github/plan-lint.yml')).toBeUndefined();
    await Promise.all([files.list('docs'), files.list('docs'), files.read('docs/a.md'), files.read('docs/a.md')]);
    expect(port.calls).toEqual([
      'list .github@main',
      'readFile .github/plan-lint.yml@main',
      'list docs@main',
      'readFile docs/a.md@main',
    ]);
  });

  it('reports a listing error where the file is read', async () => {
    const port = portWith({});
    port.listDirectory = async () => {
      throw new Error('GET /repos/{owner}/{repo}/contents/{path} failed (HTTP 500)');
    };
    const files = refFiles(port, 'main');
    files.list('.github').catch(() => undefined);
    await expect(files.read('.github/plan-lint.yml')).rejects.toThrow(/HTTP 500/);
  });
});
