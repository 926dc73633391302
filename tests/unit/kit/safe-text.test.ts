import { describe, expect, it } from '@jest/globals';
import {
  containsWorkflowCommand,
  markdownCodeBlock,
  markdownTableCell,
  neutralizeWorkflowCommands,
  quoteForMessage,
  truncate,
} from '@shipshape/kit';
import { formatCommand, formatFileCommandValue } from '../../../packages/kit/src/runner-protocol';
import { parseFileCommands, parseWorkflowCommands } from '@shipshape/testing/runner';

describe('neutralizeWorkflowCommands', () => {
  it.each([
    '::error::owned',
    '  ::add-mask::x',
    '\t::stop-commands::tok',
    '##[set-output name=a]b',
    'fine line\n::set-output name=x::y',
    'a\r\n::warning::crlf',
  ])('breaks every command line in %j', (text) => {
    expect(containsWorkflowCommand(text)).toBe(true);
    const safe = neutralizeWorkflowCommands(text);
    expect(containsWorkflowCommand(safe)).toBe(false);
    expect(parseWorkflowCommands(safe)).toEqual([]);
  });

  it('leaves text without commands byte-identical', () => {
    const text = 'a :: b\nkey::value in the middle\n';
    expect(neutralizeWorkflowCommands(text)).toBe(text);
  });
});

describe('runner protocol', () => {
  it('escapes command data so a message cannot start a second line', () => {
    const line = formatCommand('error', { title: 'a:b,c' }, 'one\n::error::two %');
    expect(line.split('\n')).toHaveLength(1);
    expect(parseWorkflowCommands(line)).toEqual([
      { command: 'error', properties: { title: 'a:b,c' }, message: 'one\n::error::two %' },
    ]);
  });

  it('writes multi-line outputs as heredocs the runner reads back', () => {
    const text = formatFileCommandValue('notes', 'line 1\nEOF\nline 3') + formatFileCommandValue('n', '2');
    expect(parseFileCommands(text)).toEqual({ notes: 'line 1\nEOF\nline 3', n: '2' });
  });
});

describe('markdownTableCell and quoteForMessage', () => {
  it('cannot break a table row or open HTML', () => {
    expect(markdownTableCell('a|b\n<!-- x')).toBe('a\\|b<br>&lt;!-- x');
  });
  it('quotes user values on one bounded line', () => {
    expect(quoteForMessage('x\ny')).toBe('"x\\\\ny"');
    expect(quoteForMessage('z'.repeat(200)).length).toBeLessThan(90);
  });
});

describe('more untrusted text', () => {
  it('treats NEL (U+0085) as the leading whitespace the runner trims', () => {
    expect(containsWorkflowCommand('\u0085::error::x')).toBe(true);
    expect(containsWorkflowCommand(neutralizeWorkflowCommands('\u0085::error::x'))).toBe(false);
  });

  it('fences Markdown so that nothing in it can close the fence', () => {
    expect(markdownCodeBlock('a\r\n<details>\n')).toBe('```markdown\na\n<details>\n```');
    expect(markdownCodeBlock('x ```` y')).toBe('`````markdown\nx ```` y\n`````');
  });
});

describe('legacy ##[ commands anywhere in a line (actions/runner ActionCommand.TryParse uses IndexOf)', () => {
  it.each([
    'Commit gate: waiting for ci/x ##[warning]owned',
    'a ##[add-mask]secret',
    'x###[stop-commands]tok',
    'two ##[error]a and ##[error]b',
    'crlf\r\nmid ##[set-output name=a;]b',
  ])('breaks %j', (text) => {
    expect(containsWorkflowCommand(text)).toBe(true);
    const safe = neutralizeWorkflowCommands(text);
    expect(safe).not.toContain('##[');
    expect(containsWorkflowCommand(safe)).toBe(false);
    expect(safe.replace(/\u200b/g, '')).toBe(text);
  });
});

describe('bounded helpers', () => {
  it('fences a text with a hundred thousand backtick runs without spreading them as arguments', () => {
    const text = '`a'.repeat(200_000) + '````';
    expect(markdownCodeBlock(text).startsWith('`````markdown\n')).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const cut = truncate(`${'a'.repeat(138)}😀😀`, 140);
    expect(cut).toBe(`${'a'.repeat(138)}…`);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
  });
});
