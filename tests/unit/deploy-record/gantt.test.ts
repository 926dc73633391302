import { describe, expect, it } from '@jest/globals';
import { ganttChart, mermaidLabel } from '../../../actions/deploy-record/src/gantt';
import { parseTimeline } from '../../../actions/deploy-record/src/timeline';

const TIMELINE = parseTimeline(
  [
    'Freeze on | 2026-12-05T11:00:00Z',
    'Cancel window | 2026-12-05T11:00:05Z | 2026-12-05T11:15:05Z',
    'Deploy | 2026-12-05T11:15:05Z | 2026-12-05T11:21:40Z',
    'Freeze lifted | 2026-12-05T11:22:00Z',
  ].join('\n'),
);

/** The lines of the chart between the fences. */
const body = (chart: string | undefined): string[] => (chart ?? '').split('\n').slice(1, -1);

describe('deploy-record gantt chart', () => {
  it('draws spans as done tasks and moments as milestones, in UTC', () => {
    expect(ganttChart(TIMELINE.steps, 'success')).toBe(
      [
        '```mermaid',
        'gantt',
        '    title Deploy timeline (UTC)',
        '    dateFormat YYYY-MM-DD HH:mm:ss',
        '    axisFormat %H:%M',
        '    Freeze on :milestone, s1, 2026-12-05 11:00:00, 0d',
        '    Cancel window :done, s2, 2026-12-05 11:00:05, 2026-12-05 11:15:05',
        '    Deploy :done, s3, 2026-12-05 11:15:05, 2026-12-05 11:21:40',
        '    Freeze lifted :milestone, s4, 2026-12-05 11:22:00, 0d',
        '```',
      ].join('\n'),
    );
  });

  it('marks the last span critical when the deploy failed or was cancelled', () => {
    for (const outcome of ['failure', 'cancelled'] as const) {
      const lines = body(ganttChart(TIMELINE.steps, outcome));
      expect(lines.filter((l) => l.includes('crit'))).toEqual([
        '    Deploy :done, crit, s3, 2026-12-05 11:15:05, 2026-12-05 11:21:40',
      ]);
    }
  });

  it('shows dates on the axis when the timeline spans more than a day, and draws nothing without steps', () => {
    const long = parseTimeline('A | 2026-12-05T10:00:00Z | 2026-12-07T10:00:00Z');
    expect(ganttChart(long.steps, 'success')).toContain('axisFormat %m-%d %H:%M');
    expect(ganttChart([], 'success')).toBeUndefined();
  });

  it.each([
    ['%%{init: {"theme":"dark"}}%%', /^init theme dark$/],
    ['click s1 href "https://evil.example"', /^› click s1 href https/],
    ['Deploy: done; next # comment', /^Deploy done next comment$/],
    ['line one\nline two', /^line one line two$/],
    ['```\n# heading', /^heading$/],
    ['section Pwned', /^› section Pwned$/],
    ['Title of the show', /^› Title of the show$/],
    ['2026-12-05 rollback', /^› 2026-12-05 rollback$/],
    ['<script>alert(1)</script>', /^script alert\(1\) \/script$/],
    ['::error::x', /^error x$/],
    ['', /^Step 3$/],
    ['###', /^Step 3$/],
  ])('keeps a hostile label to the text of its task: %j', (label, expected) => {
    expect(mermaidLabel(label, 'Step 3')).toMatch(expected);
  });

  it('leaves no character in any task line that Mermaid or Markdown would act on', () => {
    const hostile = parseTimeline(
      [
        '%%{init: {"theme":"forest"}}%% | 2026-12-05T11:00:00Z',
        'click s1 call alert() | 2026-12-05T11:01:00Z | 2026-12-05T11:02:00Z',
        'a ``` b ~~~ c | 2026-12-05T11:03:00Z',
      ].join('\n'),
    );
    const lines = body(ganttChart(hostile.steps, 'failure')).slice(4);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const label = line.slice(0, line.indexOf(' :'));
      expect(label).not.toMatch(/[:;#%`~{}<>\n"]/);
      expect(label.trim()).not.toMatch(/^(click|call|href|section|title|gantt|dateformat|axisformat)\b/i);
    }
  });

  it('cuts a long label', () => {
    expect(mermaidLabel('x'.repeat(300), 'Step 1')).toHaveLength(80);
  });
});
