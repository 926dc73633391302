import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Workflow files written to a fresh temporary directory, read back through the checker's reader port. */
export function tempWorkflowDir(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-workflows-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `file:line:col` of the first occurrence of `needle` in `text` (1-based), for asserting where a finding points. */
export function at(file: string, text: string, needle: string, occurrence = 1): string {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`fixture ${file} has no ${occurrence}. ${JSON.stringify(needle)}`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const col = index - before.lastIndexOf('\n');
  return `${file}:${line}:${col}`;
}
