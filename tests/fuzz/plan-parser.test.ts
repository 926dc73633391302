import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConfigError } from '@shipshape/kit';
import { parseConfig } from '../../actions/plan-lint/src/config';
import { lintPlan } from '../../actions/plan-lint/src/lint';
import { DEFAULT_PRESET, PRESETS } from '../../actions/plan-lint/src/preset';
import { rulesFromTemplate } from '../../actions/plan-lint/src/rules';
import { fuzzRuns } from './runs';

const rules = rulesFromTemplate(PRESETS[DEFAULT_PRESET] ?? '', 'preset').rules;
const CODES = new Set([
  'missing',
  'misnamed',
  'empty',
  'html-comment',
  'placeholder',
  'unchanged',
  'wip',
  'unreadable',
]);
const LIMITS = { maxChars: 64 * 1024, timeoutMs: 1_000 };

/** Pieces that exercise the parser's and the linter's edges. */
const token = fc.constantFrom(
  '## Rollback strategy',
  '# Roll-out plan:',
  'ROLLOUT PLAN\n---',
  '**Deployment risks**:',
  '**Downsides:**',
  '- **Deployment steps**:',
  '  - **Backuping steps**: ',
  '\n  1. ',
  '**',
  ':',
  'None',
  'N/A',
  'XXX',
  'TODO',
  '<!--',
  '-->',
  '<!-- hint -->',
  '```',
  '~~~',
  '> ',
  '- ',
  '1. ',
  '- [ ] ',
  '- [x] ',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\ufeff',
  '\u0000',
  '\ud800',
  '|',
  '::error::',
  '\\',
  '[',
  '](',
  ')',
  '*',
  '_',
  '<details>',
  '&amp;',
  '    ',
  '\t',
);
const markdownish = fc
  .array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 60 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(markdownish, fc.string({ maxLength: 200, unit: 'binary' }), fc.string({ maxLength: 200 }));

function checkShape(result: ReturnType<typeof lintPlan>): void {
  expect(typeof result.valid).toBe('boolean');
  expect(result.valid).toBe(result.problems.length === 0);
  for (const p of result.problems) {
    expect(CODES.has(p.code)).toBe(true);
    expect(typeof p.section).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
  }
  expect(() => JSON.stringify(result.plan)).not.toThrow();
}

describe('plan parser and linter (fuzz)', () => {
  it('never throws, whatever the title and body', () => {
    fc.assert(
      fc.property(anyText, fc.option(anyText, { nil: null }), (title, body) => {
        checkShape(lintPlan({ title, body, rules, labels: [], changedFiles: [], wip: 'fail', limits: LIMITS }));
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('reads CRLF and a BOM exactly like LF', () => {
    fc.assert(
      fc.property(
        markdownish.map((t) => t.replace(/[\r\ufeff]/g, '')),
        (body) => {
          const lf = lintPlan({ title: '', body, rules, labels: [], changedFiles: [], wip: 'fail', limits: LIMITS });
          const crlf = lintPlan({
            title: '',
            body: `\ufeff${body.replace(/\n/g, '\r\n')}`,
            rules,
            labels: [],
            changedFiles: [],
            wip: 'fail',
            limits: LIMITS,
          });
          expect(crlf).toEqual(lf);
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('matches headings whatever their case, punctuation, colon and level', () => {
    const variant = fc.tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.boolean(),
      fc.constantFrom(
        'Rollback strategy',
        'ROLLBACK STRATEGY',
        'rollback-strategy',
        'Rollback Strategy:',
        'Roll back strategy',
      ),
    );
    fc.assert(
      fc.property(variant, ([level, setext, name]) => {
        const heading = setext ? `${name}\n${level === 1 ? '===' : '---'}` : `${'#'.repeat(level)} ${name}`;
        const result = lintPlan({
          title: '',
          body: `${heading}\n\nRevert the merge.\n`,
          rules,
          labels: [],
          changedFiles: [],
          wip: 'fail',
        });
        expect(result.problems.some((p) => p.section === 'Rollback strategy')).toBe(false);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it('ends pathological inputs with a verdict (read, or unreadable past the budget)', () => {
    const unit = fc.constantFrom('> ', '- ', '  - ', '*a', '_a', '[', '![', '<!--', '**', '`', '1. ', '|a', '\n');
    const pathological = fc
      .tuple(fc.array(unit, { minLength: 1, maxLength: 3 }), fc.integer({ min: 100, max: 20_000 }))
      .map(([parts, n]) => parts.join('').repeat(n).slice(0, 60_000));
    fc.assert(
      fc.property(pathological, (body) => {
        // No duration is asserted here (a busy machine must not fail the suite): how fast is for `npm run bench`.
        checkShape(
          lintPlan({
            title: '',
            body,
            rules,
            labels: [],
            changedFiles: [],
            wip: 'fail',
            limits: { maxChars: 64 * 1024, timeoutMs: 300 },
          }),
        );
      }),
      { numRuns: Math.min(fuzzRuns(10), 200) },
    );
  });

  it('reads every field of the preset in any layout it invites: compact, spaced, in bullets; LF or CRLF', () => {
    // Issue 17 item 1: a field written right after a list (a lazy continuation of the list item) is a field too.
    const answer = fc
      .stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,3}$/)
      .filter((a) => !/^(no|na|none|nil|nope|nothing|todo|tbd|fixme|xxx)\b/.test(a));
    const layout = fc.constantFrom('inline', 'list', 'bullet');
    const fieldNames = rules.filter((r) => r.kind === 'field').map((r) => r.name);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(layout, answer), { minLength: fieldNames.length, maxLength: fieldNames.length }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        (choices, spaced, eol) => {
          const lines: string[] = [];
          const gap = spaced ? [''] : [];
          const field = (name: string, [how, text]: [string, string]): string[] => {
            if (how === 'bullet') return [`- **${name}**: ${text}`];
            if (how === 'list') return [`**${name}**:`, `  * ${text}`];
            return [`**${name}**: ${text}`];
          };
          let n = 0;
          for (const rule of rules) {
            if (rule.kind === 'section') lines.push(...gap, `## ${rule.name}`, ...(rule.presenceOnly ? [] : ['done']));
            else lines.push(...gap, ...field(rule.name, choices[n++] ?? ['inline', 'x']));
          }
          const result = lintPlan({
            title: '',
            body: `${lines.join(eol)}${eol}`,
            rules,
            labels: [],
            changedFiles: [],
            wip: 'fail',
          });
          expect(result.problems).toEqual([]);
          fieldNames.forEach((name, i) => expect(result.plan[name]).toBe(choices[i]?.[1]));
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('config parsing throws nothing but a ConfigError', async () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'when:',
          'require:',
          '  - ',
          'paths: [',
          ']',
          'labels:',
          'aliases:',
          'a: b',
          '\n',
          '  ',
          '{',
          '}',
          '*x',
          '&x',
          '!!binary',
          'fail-on-wip: yes',
          'template: ',
          'null',
          '~',
        ),
        { maxLength: 30 },
      )
      .map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(fc.oneof(yamlish, fc.string({ maxLength: 100 })), async (text) => {
        try {
          await parseConfig(text, 'plan-lint.yml');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
