import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed deploy-notify bundle keeps the release-notes renderer (markdown-it) out of its entry file: a run
 * that posts no notes never reads that code (scripts/build.mjs, lazy chunks). An import through a package's index
 * could pull it back in unless the package is marked `sideEffects: false`; this holds the line on the bundle itself.
 */
const dist = new URL('../../../actions/deploy-notify/dist/', import.meta.url).pathname;
const MARKDOWN_IT = 'Wrong `markdown-it` preset';

describe('deploy-notify bundle chunks', () => {
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const text = (file: string): string => readFileSync(join(dist, file), 'utf8');

  it('has the notes renderer in a lazy chunk, not in the entry file', () => {
    expect(text('index.js')).not.toContain(MARKDOWN_IT);
    const chunks = files.filter((f) => f !== 'index.js' && text(f).includes(MARKDOWN_IT));
    expect(chunks).toHaveLength(1);
  });
});
