import { describe, expect, it } from '@jest/globals';
import { markdownToMrkdwn } from '@shipshape/slack';
import { DISGUISED, HONEST, linksIn } from './disguised-link-variants';

/**
 * Disguised links (issue 15, item 5): a Markdown link in the release notes whose label reads as a trusted address
 * while the link opens another one. Slack shows only the label of `<url|label>`, so such a label must never become
 * a link label: the renderer shows the label as text and the real target as a bare `<url>` (Slack displays a bare
 * link as its URL). Slack's link syntax: https://docs.slack.dev/messaging/formatting-message-text#linking-urls
 *
 * The label is judged as a reader sees it: invisible characters removed (zero-width space and joiners, word joiner,
 * soft hyphen, bidi controls), look-alikes folded (Cyrillic and Greek letters that look Latin, full-width letters,
 * dots that are not ASCII dots), a trailing dot and spaces around dots ignored.
 */

describe('disguised links in release notes', () => {
  it.each(DISGUISED.map((v) => [v.name, v] as const))(
    '%s: shows the real target, never a label that reads as another address',
    (_name, variant) => {
      const out = markdownToMrkdwn(`Moved: ${variant.markdown}`);
      const links = linksIn(out);
      // The target is shown as itself, and no link sequence anywhere carries a label.
      expect({ out, bare: links.some((l) => l.target === variant.target && l.label === undefined) }).toEqual({
        out,
        bare: true,
      });
      expect({ out, labelled: links.filter((l) => l.label !== undefined) }).toEqual({ out, labelled: [] });
      // No link sequence is opened inside another one.
      expect({ out, nested: /<[^<>]*</.test(out.replace(/&lt;/g, '')) }).toEqual({ out, nested: false });
    },
  );

  it.each(HONEST.map((v) => [v.name, v] as const))('%s: stays a link with its label', (_name, variant) => {
    const out = markdownToMrkdwn(variant.markdown);
    expect(linksIn(out)).toEqual([{ target: variant.target, label: expect.any(String) }]);
  });
});
