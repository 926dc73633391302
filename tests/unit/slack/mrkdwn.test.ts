import { describe, expect, it } from '@jest/globals';
import { chunksToText, markdownToMrkdwn, markdownToMrkdwnChunks, NOTES_MAX_CHARS } from '@shipshape/slack';
import { mentionsIn } from '@shipshape/testing/slack-emulator';

const render = (markdown: string): string => markdownToMrkdwn(markdown);

describe('Markdown → mrkdwn through the AST', () => {
  it('turns headings into bold lines, without nested markers', () => {
    expect(render('# Release 1.2.3\n\n## Bug *fixes*')).toBe('*Release 1.2.3*\n\n*Bug fixes*');
    expect(render('Setext\n======')).toBe('*Setext*');
  });

  it('maps bold, italic and strikethrough to Slack markers, keeping spaces outside them', () => {
    expect(render('**b** and __b2__ and *i* and _i2_ and ~~s~~')).toBe('*b* and *b2* and _i_ and _i2_ and ~s~');
    expect(render('** padded **')).toBe('** padded **'); // not emphasis in CommonMark: literal asterisks
    expect(render('***both***')).toBe('_*both*_');
  });

  it('writes links as <url|text>, references resolved, unsafe schemes dropped to their label', () => {
    expect(render('[the docs](https://example.com/a?b=1&c=2)')).toBe('<https://example.com/a?b=1&amp;c=2|the docs>');
    expect(render('see https://example.com/x')).toBe('see <https://example.com/x>');
    expect(render('[ref][r] and [missing][nope]\n\n[r]: https://example.com/r')).toBe(
      '<https://example.com/r|ref> and [missing][nope]',
    );
    expect(render('[click](javascript:alert(1)) [f](file:///etc/passwd)')).toBe('click f');
    expect(render('[a **bold** label](https://x.example)')).toBe('<https://x.example/|a bold label>');
    expect(render('[pipe](https://x.example/a|b>c)')).toBe('<https://x.example/a%7Cb%3Ec|pipe>');
    expect(render('![diagram](https://img.example/d.png)')).toBe('<https://img.example/d.png|diagram>');
  });

  it('keeps nested lists readable with indentation and distinct bullets', () => {
    expect(render('- a\n  - b\n    - c\n  - d\n- e')).toBe('• a\n    ◦ b\n        ▪ c\n    ◦ d\n• e');
    expect(render('3. three\n4. four\n   - under four')).toBe('3. three\n4. four\n    ◦ under four');
    expect(render('- [x] done\n- [ ] todo')).toBe('• ☑ done\n• ☐ todo');
    expect(render('- first para\n\n  second para')).toBe('• first para\n    second para');
  });

  it('keeps inline code and fences, escaped, and never lets code close its fence early', () => {
    expect(render('run `npm ci` now')).toBe('run `npm ci` now');
    expect(render('```sh\necho "a && b" > out\n```')).toBe('```\necho "a &amp;&amp; b" &gt; out\n```');
    const tricky = render('````\nbefore\n```\nafter\n````');
    expect(tricky.match(/```/g)).toHaveLength(2);
    expect(tricky).toContain('after');
    expect(render('``a ` b``')).toBe('`a ˋ b`');
  });

  it('renders tables as an aligned monospaced block', () => {
    const out = render('| Name | Value |\n| --- | --- |\n| a & b | [link](https://x.example) |\n| **long name** | 2 |');
    expect(out).toBe(
      ['```', 'Name      | Value', '----------+------', 'a &amp; b     | link', 'long name | 2', '```'].join('\n'),
    );
  });

  it('keeps block quotes as Slack quotes and drops HTML tags and comments but not the text', () => {
    expect(render('> quoted\n> text')).toBe('> quoted\n> text');
    expect(render('<!-- hidden -->\n\nshown')).toBe('shown');
    expect(render('<details><summary>More</summary>\n\ninside\n\n</details>')).toBe('More\n\ninside');
    expect(render('Use Vec<T> where a < b')).toBe('Use Vec&lt;T&gt; where a &lt; b');
    expect(render('line one<br>line two')).toBe('line one\nline two');
  });

  it('escapes & < > in all text, so no input can ping, broadcast or forge a link', () => {
    const hostile =
      'Ping <!channel> <!here> <!everyone> <@U123ABC> <!subteam^S1|@x> &lt;!here&gt; <https://evil|https://bank> [x](https://evil.example "t") &amp;';
    const out = render(hostile);
    expect(mentionsIn(out)).toEqual([]);
    expect(out).not.toMatch(/<!|<@|<https:\/\/evil\|/);
    expect(out).toBe(
      'Ping &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123ABC&gt; &lt;!subteam^S1|@x&gt; &lt;!here&gt; https://evil|https://bank <https://evil.example/|x> &amp;',
    );
    // A line that starts with `<!` is an HTML block in CommonMark: kept literally, and still escaped.
    expect(mentionsIn(render('<!channel> deploy <@U1>'))).toEqual([]);
    expect(render('<!channel> deploy')).toBe('&lt;!channel&gt; deploy');
  });

  it('splits into top-level chunks: text, code and dividers', () => {
    const chunks = markdownToMrkdwnChunks('para\n\n```\ncode\n```\n\n---\n\n- item');
    expect(chunks).toEqual([
      { kind: 'text', text: 'para' },
      { kind: 'code', code: 'code' },
      { kind: 'divider' },
      { kind: 'text', text: '• item' },
    ]);
  });

  it('handles CRLF, a BOM and empty input', () => {
    expect(render('\ufeff# T\r\n\r\n- a\r\n')).toBe('*T*\n\n• a');
    expect(markdownToMrkdwnChunks('')).toEqual([]);
    expect(markdownToMrkdwnChunks('<!-- only a comment -->')).toEqual([]);
  });
});

describe('links whose label is another address', () => {
  it('shows both addresses instead of a link that reads as one host and opens another', () => {
    expect(render('[https://good.example](https://evil.example)')).toBe(
      'https://good.example (<https://evil.example/>)',
    );
    expect(render('[*www.bank.example*](https://evil.example/login)')).toBe(
      'www.bank.example (<https://evil.example/login>)',
    );
    expect(render('[github.com/acme/shop](https://github.com/acme/shop/pull/42)')).toBe(
      '<https://github.com/acme/shop/pull/42|github.com/acme/shop>',
    );
    expect(render('[the docs](https://evil.example)')).toBe('<https://evil.example/|the docs>');
  });
});

describe('notes the parser must not be trusted with', () => {
  it('delivers notes beyond the parse limits verbatim in a code block, still escaped', () => {
    const huge = '<!channel> *a_ '.repeat(Math.ceil(NOTES_MAX_CHARS / 15) + 1);
    const chunks = markdownToMrkdwnChunks(huge);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.kind).toBe('code');
    expect(mentionsIn(chunksToText(chunks))).toEqual([]);
  });
});

describe('the markdown-it front end (tokens → mdast)', () => {
  it('reads GFM task items from the tokens of an item’s first paragraph only', () => {
    expect(render('- [x] done\n- [X] also\n- [ ] todo')).toBe('• ☑ done\n• ☑ also\n• ☐ todo');
    expect(render('- [x]\n  on the next line')).toBe('• ☑ on the next line');
    expect(render('- [ ]')).toBe('• [ ]'); // a lone marker is text in GFM
    expect(render('- see [x] later')).toBe('• see [x] later');
    expect(render('- `[x]` code')).toBe('• `[x]` code');
    expect(render('- para\n\n  [x] second paragraph')).toBe('• para\n    [x] second paragraph');
    expect(render('[x] not in a list')).toBe('[x] not in a list');
  });

  it('links GFM autolink literals only: http(s), www. and e-mail addresses, not bare host names or version pins', () => {
    expect(render('see www.example.com/a?b=1.')).toBe('see <http://www.example.com/a?b=1|www.example.com/a?b=1>.');
    expect(render('mail ops@example.com now')).toBe('mail <mailto:ops@example.com|ops@example.com> now');
    expect(render('see example.com or //cdn.example.com')).toBe('see example.com or //cdn.example.com');
    expect(render('deps: send@1.0.0, router@~1.3.1')).toBe('deps: send@1.0.0, router@~1.3.1');
    expect(render('ftp://files.example/x')).toBe('ftp://files.example/x');
  });

  it('keeps a footnote definition whose note is one word or a URL (markdown-it would take it for a link definition)', () => {
    expect(render('Fixed[^1].\n\n[^1]: https://example.com/issue')).toBe(
      'Fixed[^1].\n\n[^1]: <https://example.com/issue>',
    );
  });

  it('reads `<!x…>` as HTML, not an e-mail autolink, as CommonMark does', () => {
    expect(render('a <!subteam^S1|@x> b')).toBe('a &lt;!subteam^S1|@x&gt; b');
    expect(render('a <ops@example.com> b')).toBe('a <mailto:ops@example.com|ops@example.com> b');
  });

  it('keeps raw destinations for the renderer to judge (markdown-it would drop unsafe links to their source text)', () => {
    expect(render('[run](javascript:alert(1)) and [v](vbscript:x) and [d](data:text/html,x)')).toBe('run and v and d');
    expect(render('[ü](https://example.com/ä?q=ü)')).toBe('<https://example.com/%C3%A4?q=%C3%BC|ü>');
  });

  it('keeps ordered list starts, hard breaks, and strips white space at line ends', () => {
    expect(render('7. seven\n8. eight')).toBe('7. seven\n8. eight');
    expect(render('one  \ntwo\\\nthree \t\nfour')).toBe('one\ntwo\nthree\nfour');
  });
});

describe('notes too costly to parse (the complexity pre-check of packages/markdown)', () => {
  it('sends a 1,000 × 100 table verbatim, in one escaped code block, without parsing it', () => {
    const table = `${'| h '.repeat(100)}|\n${'| - '.repeat(100)}|\n${Array.from({ length: 1_000 }, (_, i) => `| ${i} `.repeat(100) + '|').join('\n')}`;
    const chunks = markdownToMrkdwnChunks(table);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.kind).toBe('code');
  });
});
