import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError, InputError } from '@shipshape/kit';
import {
  createWorkspaceReader,
  workspaceRelativePath,
  type WorkspaceReader,
} from '../../../packages/kit/src/workspace';

const input = 'notes-file';
let root: string;
let outside: string;
let reader: WorkspaceReader;

beforeEach(() => {
  const base = mkdtempSync(join(tmpdir(), 'workspace-reader-'));
  root = join(base, 'ws');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'docs'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'docs', 'notes.md'), '# Notes\n');
  writeFileSync(join(outside, 'secret.txt'), 'SECRET=1\n');
  reader = createWorkspaceReader(root);
});

describe('paths stay inside the workspace', () => {
  it.each([
    '/etc/passwd',
    '../outside/secret.txt',
    'docs/../../outside/secret.txt',
    '..',
    'C:\\Windows\\win.ini',
    'a\0b',
    '..\\outside\\secret.txt',
  ])('refuses %j naming the input', (path) => {
    expect(() => reader.readText(path, { input })).toThrow(InputError);
    expect(() => reader.readText(path, { input })).toThrow(
      /Input 'notes-file' is invalid: expected a relative path inside the workspace/,
    );
  });

  it('normalises harmless paths', () => {
    expect(workspaceRelativePath('./docs//notes.md', input)).toBe('docs/notes.md');
    expect(workspaceRelativePath('docs/x/../notes.md', input)).toBe('docs/notes.md');
    expect(reader.readText('./docs/notes.md', { input })).toBe('# Notes\n');
  });
});

describe('symbolic links', () => {
  it('refuses a file linked out of the workspace (the runner environment, another file)', () => {
    symlinkSync('/proc/self/environ', join(root, 'RELEASE_NOTES.md'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'docs', 'secret.md'));
    for (const path of ['RELEASE_NOTES.md', 'docs/secret.md']) {
      expect(() => reader.readText(path, { input })).toThrow(ConfigError);
      expect(() => reader.readText(path, { input })).toThrow(/leads outside the workspace through a symbolic link/);
    }
  });

  it('refuses a folder linked out of the workspace, anywhere along the path', () => {
    symlinkSync(outside, join(root, 'linked'));
    expect(() => reader.readText('linked/secret.txt', { input })).toThrow(/leads outside the workspace/);
  });

  it('follows a link that stays inside', () => {
    symlinkSync('docs/notes.md', join(root, 'NOTES.md'));
    expect(reader.readText('NOTES.md', { input })).toBe('# Notes\n');
  });

  it('names a loop of links instead of failing with ELOOP', () => {
    symlinkSync('loop2', join(root, 'loop1'));
    symlinkSync('loop1', join(root, 'loop2'));
    expect(() => reader.readText('loop1', { input })).toThrow(
      `Input 'notes-file': "loop1" is a loop of symbolic links; it is not read.`,
    );
  });

  it('does not list folders behind links', () => {
    symlinkSync(outside, join(root, 'docs', 'out'));
    mkdirSync(join(root, 'docs', 'real'));
    expect(reader.listDirectories('docs', { input })).toEqual(['real']);
  });
});

describe('what is read', () => {
  it('answers undefined for a file that does not exist', () => {
    expect(reader.readText('missing.md', { input })).toBeUndefined();
    expect(reader.readText('docs/notes.md/deeper', { input })).toBeUndefined();
  });

  it('names a folder as a folder', () => {
    expect(() => reader.readText('docs', { input })).toThrow(
      'Input \'notes-file\': "docs" is a folder; expected a file.',
    );
  });

  it('refuses a FIFO without blocking on it', () => {
    execFileSync('mkfifo', [join(root, 'pipe.md')]);
    expect(() => reader.readText('pipe.md', { input })).toThrow(/is not a regular file/);
  });

  it('refuses text that is not UTF-8, naming the file', () => {
    writeFileSync(join(root, 'CHANGELOG.md'), Buffer.from('## 1.0.0\n\n- caf\xe9\n', 'latin1'));
    expect(() => reader.readText('CHANGELOG.md', { input: 'changelog' })).toThrow(
      'Input \'changelog\': "CHANGELOG.md" is not UTF-8 text; save it as UTF-8.',
    );
  });

  it('drops a byte-order mark', () => {
    writeFileSync(join(root, 'bom.md'), '\ufeffhello');
    expect(reader.readText('bom.md', { input })).toBe('hello');
  });

  it('refuses a file over the size limit before reading it', () => {
    writeFileSync(join(root, 'big.md'), 'x'.repeat(101));
    expect(() => reader.readText('big.md', { input, maxBytes: 100 })).toThrow(
      'Input \'notes-file\': "big.md" is 101 bytes; at most 100 bytes are read.',
    );
    expect(reader.readText('big.md', { input, maxBytes: 101 })).toHaveLength(101);
  });

  it('knows whether a checkout was made', () => {
    expect(reader.hasFiles()).toBe(true);
    const empty = mkdtempSync(join(tmpdir(), 'workspace-empty-'));
    expect(createWorkspaceReader(empty).hasFiles()).toBe(false);
    expect(createWorkspaceReader(join(empty, 'nope')).hasFiles()).toBe(false);
  });
});
