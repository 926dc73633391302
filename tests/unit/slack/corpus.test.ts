import { describe, expect, it } from '@jest/globals';
import { findVersionSection, listVersions } from '@shipshape/changelog';
import {
  buildNotesReplies,
  buildWebhookMessage,
  notesBlocks,
  type DeployContext,
  type SlackMessage,
} from '@shipshape/slack';
import { corpusAvailable, corpusManifest, corpusText } from '@shipshape/testing/corpus';
import { mentionsIn, messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';

/** Every version section of every real changelog in the shared corpus, rendered as deploy-notify would post it. */
const available = corpusAvailable();
const files = available
  ? corpusManifest()
      .filter((e) => e.kind === 'changelog')
      .map((e) => e.file)
  : [];
const ctx: DeployContext = {
  status: 'started',
  template: { kind: 'deploy' },
  environment: 'production',
  releaseUrl: 'https://github.com/o/r/releases/tag/v1',
};
const texts = (m: SlackMessage): string[] => messageTexts(m as { text: string; blocks: unknown[] });

describe('release notes renderer over the changelog corpus', () => {
  it('has the changelog entries when the corpus is present', () => {
    expect(available ? files.length : 16).toBe(16);
  });

  for (const file of files) {
    it(`${file}: every section gives valid, ping-free payloads`, () => {
      const text = corpusText(file);
      const versions = [...new Set(listVersions(text))];
      expect(versions.length).toBeGreaterThan(0);
      let rendered = 0;
      for (const version of versions) {
        const body = findVersionSection(text, version)?.body ?? '';
        if (body.trim() === '') continue;
        const blocks = notesBlocks(body);
        const messages = [
          buildWebhookMessage({ ...ctx, version }, blocks),
          ...buildNotesReplies({ ...ctx, version }, blocks),
        ];
        for (const message of messages) {
          expect(validateSlackMessage(message)).toEqual([]);
          for (const t of texts(message)) expect(mentionsIn(t)).toEqual([]);
        }
        // Links in the notes survive as Slack links (GitHub compare and PR links are http(s)).
        if (/\]\(https:\/\/github\.com\//.test(body)) expect(JSON.stringify(blocks)).toContain('<https://github.com/');
        rendered++;
      }
      expect(rendered).toBeGreaterThan(0);
    });
  }
});
