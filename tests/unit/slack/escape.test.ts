import { describe, expect, it } from '@jest/globals';
import { escapeMrkdwn, mrkdwnLink, parseMentions, plainText, safeLinkUrl } from '@shipshape/slack';

describe('escaping for Slack', () => {
  it('escapes exactly & < > in mrkdwn', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U1> *x*')).toBe('a &amp; b &lt;!channel&gt; &lt;@U1&gt; *x*');
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
    expect(escapeMrkdwn('plain')).toBe('plain');
  });

  it('makes plain_text unable to read as a control sequence and strips control characters', () => {
    expect(plainText('<!here> a\u0000b\u001b')).toBe('‹!here› ab');
  });

  it('links only http(s) and mailto URLs, with the characters that end a link encoded', () => {
    expect(safeLinkUrl('https://example.com/a?x=1&y=2')).toBe('https://example.com/a?x=1&amp;y=2');
    expect(safeLinkUrl('https://example.com/a|b')).toBe('https://example.com/a%7Cb');
    expect(safeLinkUrl('mailto:a@b.example?subject=<!channel>')).toBe('mailto:a@b.example?subject=%3C!channel%3E');
    expect(safeLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('slack://channel?id=1')).toBeUndefined();
    expect(safeLinkUrl('not a url')).toBeUndefined();
    expect(safeLinkUrl(`https://x.example/${'a'.repeat(3000)}`)).toBeUndefined();
  });

  it('builds <url|label> with an escaped label, or the label alone when the URL is unsafe', () => {
    expect(mrkdwnLink('https://x.example', 'a <b> & c')).toBe('<https://x.example/|a &lt;b&gt; &amp; c>');
    expect(mrkdwnLink('ftp://x.example', '<!here>')).toBe('&lt;!here&gt;');
    expect(mrkdwnLink(undefined, 'label')).toBe('label');
  });

  it('accepts the documented mention forms from inputs, canonical and deduplicated', () => {
    expect(parseMentions('here, @channel <!subteam^S0ONCALL|@oncall> <@U024BE7LH> W0123ABCD S0123ABCD here')).toEqual({
      mentions: [
        '<!here>',
        '<!channel>',
        '<!subteam^S0ONCALL>',
        '<@U024BE7LH>',
        '<@W0123ABCD>',
        '<!subteam^S0123ABCD>',
      ],
    });
    expect(parseMentions('@alice')).toEqual({ mentions: [], invalid: '@alice' });
    expect(parseMentions('<!subteam^S1|x> <https://evil>')).toEqual({
      mentions: ['<!subteam^S1>'],
      invalid: '<https://evil>',
    });
    expect(parseMentions('')).toEqual({ mentions: [] });
  });
});
