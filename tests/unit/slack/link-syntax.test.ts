import { describe, expect, it } from '@jest/globals';
import { notesBlocks, renderTemplate, type DeployContext } from '@shipshape/slack';
import { linksIn } from './disguised-link-variants';

/**
 * Template and link syntax (issue 15, item 12). Slack's link is `<url|label>`: the first `|` ends the URL and `>`
 * ends the link (https://docs.slack.dev/messaging/formatting-message-text#linking-urls). A placeholder value inside a
 * custom template's link must not add either, and a link must never be cut in two by the section limit.
 */

const ctx = (values: Partial<DeployContext>): DeployContext => ({
  status: 'started',
  template: { kind: 'custom', text: '' },
  environment: 'production',
  ...values,
});

/** Every section text of a list of blocks. */
const sectionTexts = (blocks: ReturnType<typeof notesBlocks>): string[] =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

/** True when each `<` opens a sequence closed by a `>` in the same text, with nothing opened inside it. */
function linksBalanced(mrkdwn: string): boolean {
  let open = false;
  for (const ch of mrkdwn) {
    if (ch === '<') {
      if (open) return false;
      open = true;
    } else if (ch === '>') {
      if (!open) return false;
      open = false;
    }
  }
  return !open;
}

describe('placeholder values inside a custom template link', () => {
  it("a `|` in a value in the URL is percent-encoded: the label stays the template's", () => {
    const out = renderTemplate(
      'Docs: [docs](https://docs.example/releases/{version})',
      ctx({ version: '1.0|https://good.example' }),
    );
    expect(linksIn(out)).toEqual([
      { target: 'https://docs.example/releases/v1.0%7Chttps%3A%2F%2Fgood.example', label: 'docs' },
    ]);
  });

  it('a `>` in a value in the URL is percent-encoded: the link does not end early', () => {
    const out = renderTemplate('[docs](https://docs.example/r/{reason})', ctx({ reason: 'x>https://good.example' }));
    expect(linksIn(out)).toEqual([{ target: 'https://docs.example/r/x%3Ehttps%3A%2F%2Fgood.example', label: 'docs' }]);
    expect(linksBalanced(out)).toBe(true);
  });

  it('a `|` or `>` in a value in the label cannot start a second label or end the link', () => {
    const out = renderTemplate(
      '[{reason}]({release_url})',
      ctx({ reason: 'a|b>c', releaseUrl: 'https://releases.example/r' }),
    );
    expect(linksIn(out)).toEqual([{ target: 'https://releases.example/r', label: 'a∣b&gt;c' }]);
    expect(linksBalanced(out)).toBe(true);
  });

  it('a value that reads as another address, as the label, shows the real target', () => {
    const out = renderTemplate(
      '[{reason}]({release_url})',
      ctx({ reason: 'https://good.example', releaseUrl: 'https://evil.example/r' }),
    );
    expect(linksIn(out)).toEqual([{ target: 'https://evil.example/r', label: undefined }]);
  });

  it('values outside links stay escaped text', () => {
    expect(renderTemplate('By {actor}: {reason}', ctx({ actor: '<!channel>', reason: 'a|b <https://x|y>' }))).toBe(
      'By &lt;!channel&gt;: a|b &lt;https://x|y&gt;',
    );
  });
});

describe('a link label longer than a section', () => {
  it('a 3,500-character label is never split across two sections: each section keeps whole links, the target is shown whole', () => {
    const label = Array.from({ length: 700 }, (_, i) => `w${i % 10}rd`).join(' ');
    expect(label.length).toBeGreaterThan(3400);
    const texts = sectionTexts(notesBlocks(`Intro [${label}](https://docs.example/guide) outro`));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(3000);
      expect({ text: text.slice(0, 80), balanced: linksBalanced(text) }).toEqual({
        text: text.slice(0, 80),
        balanced: true,
      });
    }
    const links = texts.flatMap(linksIn);
    expect(links.filter((l) => l.target === 'https://docs.example/guide')).toHaveLength(1);
    // Every word of the label is still there, in order.
    expect(texts.join(' ').replace(/\s+/g, ' ')).toContain(label.slice(-200));
  });

  it('a long line of several links is cut between links, never inside one', () => {
    const line = Array.from(
      { length: 60 },
      (_, i) => `[the ${i}th link label with words](https://docs.example/${i})`,
    ).join(' ');
    const texts = sectionTexts(notesBlocks(line));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(linksBalanced(text)).toBe(true);
    expect(texts.flatMap(linksIn)).toHaveLength(60);
  });
});
