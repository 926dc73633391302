import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@shipshape/testing/runner';
import { CATALOG, type InputSpec } from '@shipshape/workflows';

interface Metadata {
  inputs?: Record<string, { required?: boolean; default?: unknown } | null>;
  outputs?: Record<string, unknown>;
}

const read = (path: string): Metadata => (parse(readFileSync(path, 'utf8')) as Metadata | null) ?? {};
const specs = (inputs: Metadata['inputs']): Record<string, InputSpec> =>
  Object.fromEntries(
    Object.entries(inputs ?? {}).map(([name, spec]) => [
      name,
      { required: spec?.required === true, hasDefault: spec?.default !== undefined },
    ]),
  );

/**
 * The catalog the CLI bundle carries (catalog.generated.ts) is what the action.yml files declare today. When this
 * fails, an action.yml changed: run `node packages/workflows/scripts/generate-catalog.mjs` and commit the result.
 */
describe('the action catalog of check-workflows', () => {
  const names = readdirSync(join(REPO_ROOT, 'actions'))
    .filter((name) => existsSync(join(REPO_ROOT, 'actions', name, 'action.yml')))
    .sort();

  it('has every action', () => {
    expect(Object.keys(CATALOG.actions).sort()).toEqual(names);
  });

  it.each(names)("%s: the inputs (required, defaulted) and outputs of its action.yml, in the file's order", (name) => {
    const meta = read(join(REPO_ROOT, 'actions', name, 'action.yml'));
    expect(CATALOG.actions[name]).toEqual({ inputs: specs(meta.inputs), outputs: Object.keys(meta.outputs ?? {}) });
  });

  it("the root action's own inputs (command, github-token): the ones no action declares", () => {
    const declared = new Set(names.flatMap((name) => Object.keys(CATALOG.actions[name]?.inputs ?? {})));
    const root = specs(read(join(REPO_ROOT, 'action.yml')).inputs);
    expect(CATALOG.rootInputs).toEqual(
      Object.fromEntries(Object.entries(root).filter(([input]) => !declared.has(input))),
    );
    expect(CATALOG.rootInputs.command).toEqual({ required: true, hasDefault: false });
  });
});
