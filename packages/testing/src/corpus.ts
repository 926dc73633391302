import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './runner';

/**
 * The shared corpus (real changelogs, PR templates and PR bodies) lives beside the repository in
 * ../shared/corpus and is read in place: its text is other people's writing and is never copied here.
 * Under CI a missing corpus is a failure; elsewhere the corpus suites are skipped, and say why in their titles.
 */
export const CORPUS_DIR = process.env.SHIPSHAPE_CORPUS ?? join(REPO_ROOT, '..', 'shared', 'corpus');

/** CI as CI services set it ("true", "1", a name…); "false" and "0" mean not CI. */
function underCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Why corpus tests do not run on this machine: the title suffix of a skipped corpus suite. */
export const CORPUS_SKIP_REASON = `skipped: no shared corpus at ${CORPUS_DIR} (see SHIPSHAPE_CORPUS; fails under CI)`;

export interface CorpusEntry {
  file: string;
  kind: 'changelog' | 'pr-template' | 'pr-body';
  source_repo: string;
  dialect?: string;
  notes?: string;
  [key: string]: unknown;
}

/**
 * Whether the corpus is here. Under CI a missing corpus throws, so every suite that asks fails to load and the run
 * fails; elsewhere it prints a notice, and the caller skips its corpus suites with CORPUS_SKIP_REASON in the title.
 */
export function corpusAvailable(): boolean {
  const present = existsSync(join(CORPUS_DIR, 'manifest.json'));
  if (!present && underCi()) {
    throw new Error(
      `The shared corpus is missing: ${join(CORPUS_DIR, 'manifest.json')} does not exist. CI needs it: place the ` +
        'corpus at ../shared/corpus beside the repository, or point SHIPSHAPE_CORPUS at it.',
    );
  }
  if (!present) {
    process.stderr.write(`\nNOTICE: corpus tests ${CORPUS_SKIP_REASON}.\n\n`);
  }
  return present;
}

export function corpusManifest(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as CorpusEntry[];
}

export function corpusText(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}
