import { beforeAll, describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

/**
 * The layer rules in eslint.config.js, proven on sample text: only an action's main.ts and run.ts reach the
 * runner (kit's runner half, the file system, process.env), and shared packages never import an action.
 */
const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) =>
      ['no-restricted-imports', 'no-restricted-properties', 'no-restricted-syntax'].includes(m.ruleId ?? ''),
    )
    .map((m) => m.message);
}

const runnerSide = [
  "import { readFileSync } from 'node:fs';",
  "import { runAction } from '@shipshape/kit/action';",
  'export const value = [process.env.X, readFileSync, runAction];',
].join('\n');

describe('layer rules', () => {
  // Loading typescript-eslint is the slow part; done once, with room for a busy machine (a limit, not a measurement).
  beforeAll(async () => {
    await layerErrors('export {};\n', 'actions/plan-lint/src/warm-up.ts');
  }, 300_000);

  it('refuse the runner side in an action logic module', async () => {
    const errors = await layerErrors(runnerSide, 'actions/plan-lint/src/logic-sample.ts');
    expect(errors).toHaveLength(3);
    expect(errors.join('\n')).toMatch(/runner half of kit/);
    expect(errors.join('\n')).toMatch(/file system/);
    expect(errors.join('\n')).toMatch(/process\.env/);
  });

  it.each([
    "export const value = import('node:fs');",
    "export const value = import('fs/promises');",
    "import { env } from 'node:process';\nexport const value = env;",
    'export const value = globalThis.process.env;',
    "export const value = import('@actions/core');",
    "export const value = import('@shipshape/kit/action');",
  ])('refuse the indirect way too: %s', async (code) => {
    expect(await layerErrors(code, 'actions/deploy-guard/src/logic-sample.ts')).toHaveLength(1);
  });

  it('leave a lazy import of a library or a sibling module alone', async () => {
    const code = "export const value = [import('yaml'), import('./wip-rule')];";
    expect(await layerErrors(code, 'actions/merge-gate/src/logic-sample.ts')).toEqual([]);
  });

  it.each(['main.ts', 'run.ts'])('allow it in %s', async (file) => {
    expect(await layerErrors(runnerSide, `actions/plan-lint/src/${file}`)).toEqual([]);
  });

  it('refuse an action import in a shared package, and allow it in the CLI', async () => {
    const code = "import { readSettings } from '@shipshape/action-merge-gate';\nexport const value = readSettings;\n";
    expect(await layerErrors(code, 'packages/slack/src/sample.ts')).toEqual([
      expect.stringMatching(/Packages never import an action/),
    ]);
    expect(await layerErrors(code, 'packages/cli/src/sample.ts')).toEqual([]);
  });
});
