import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './runner';

/**
 * The shared corpus (real changelogs, PR templates and PR bodies) lives beside the repository in
 * ../shared/corpus and is read in place: its text is other people's writing and is never copied here.
 * Under CI (CI=true) a missing corpus is a failure; elsewhere the corpus tests skip with a visible notice.
 */
export const CORPUS_DIR = process.env.SHIPSHAPE_CORPUS ?? join(REPO_ROOT, '..', 'shared', 'corpus');

export interface CorpusEntry {
  file: string;
  kind: 'changelog' | 'pr-template' | 'pr-body';
  source_repo: string;
  dialect?: string;
  notes?: string;
  [key: string]: unknown;
}

export function corpusAvailable(): boolean {
  const present = existsSync(join(CORPUS_DIR, 'manifest.json'));
  if (!present && process.env.CI === 'true') {
    throw new Error(`The shared corpus is missing at ${CORPUS_DIR} (CI=true makes this a failure).`);
  }
  if (!present) {
    process.stderr.write(
      `\nNOTICE: shared corpus not found at ${CORPUS_DIR}; corpus tests are skipped on this machine.\n\n`,
    );
  }
  return present;
}

export function corpusManifest(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as CorpusEntry[];
}

export function corpusText(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}
