import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_WORKFLOW_BYTES, nodeWorkflowReader, readWorkflowFiles, type ReadWorkflows } from '@shipshape/workflows';
import { tempWorkflowDir } from './fixtures';

/**
 * The node:fs reader reads only regular files, never through a link, and never more than the cap: a committed
 * `z.yml -> /dev/zero` or a FIFO named `*.yml` would otherwise fill memory or hang the command.
 */

const WORKFLOW = 'on: push\njobs: {}\n';
const NOT_A_FILE = 'not a regular file; GitHub reads only files committed in the repository';

let dir = '';
let remove: () => void = () => undefined;
let read: ReadWorkflows;
beforeAll(async () => {
  ({ dir, remove } = tempWorkflowDir({ 'ok.yml': WORKFLOW, 'big.yml': `#${'x'.repeat(MAX_WORKFLOW_BYTES)}\n` }));
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside/target.yml'), WORKFLOW);
  symlinkSync(join(dir, 'outside/target.yml'), join(dir, 'link.yml'));
  symlinkSync('/dev/zero', join(dir, 'zero.yml'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.yaml'));
  mkdirSync(join(dir, 'folder.yml'));
  execFileSync('mkfifo', [join(dir, 'fifo.yml')]);
  read = await readWorkflowFiles(nodeWorkflowReader, dir, join);
});
afterAll(() => remove());

const refusal = (name: string): string | undefined => read.unreadable.find((f) => f.file === join(dir, name))?.message;

describe('the node:fs workflow reader', () => {
  it('reads a regular file', () => {
    expect(read.files).toEqual([{ path: join(dir, 'ok.yml'), text: WORKFLOW }]);
  });

  it('a symbolic link (to a file, to /dev/zero, dangling), a directory and a FIFO are findings, not reads', () => {
    for (const name of ['link.yml', 'zero.yml', 'dangling.yaml', 'folder.yml', 'fifo.yml'])
      expect([name, refusal(name)]).toEqual([name, NOT_A_FILE]);
    expect(read.unreadable.every((f) => f.check === 'syntax' && f.line === 1 && f.col === 1)).toBe(true);
  });

  it('a file over 1 MiB is refused with its size', () => {
    expect(refusal('big.yml')).toBe(
      `${MAX_WORKFLOW_BYTES + 2} bytes; a workflow file over 1 MiB (${MAX_WORKFLOW_BYTES} bytes) is not read`,
    );
    expect(read.unreadable).toHaveLength(6);
  });

  it('reads at most the cap: a file exactly at it is read, one byte more is not', async () => {
    const path = join(dir, 'ok.yml');
    expect(await nodeWorkflowReader.read(path, WORKFLOW.length)).toEqual({ text: WORKFLOW });
    expect(await nodeWorkflowReader.read(path, WORKFLOW.length - 1)).toEqual({
      refused: 'too-large',
      bytes: WORKFLOW.length,
    });
  });

  it('a file that vanished is a "cannot be read" finding naming it', async () => {
    const reader = { ...nodeWorkflowReader, list: async () => ['gone.yml'] };
    const gone = await readWorkflowFiles(reader, dir, join);
    expect(gone.unreadable).toEqual([
      expect.objectContaining({
        file: join(dir, 'gone.yml'),
        message: expect.stringMatching(/^cannot be read: ENOENT/),
      }),
    ]);
  });
});
