import { describe, expect, it } from '@jest/globals';
import {
  blocksTextLength,
  buildMainMessage,
  buildOutcomeReply,
  LIMITS,
  PLAN_LIMITS,
  pullPlanText,
  rollbackPlanBlocks,
  type DeployContext,
  type RollbackPlans,
  type ShippedPullPlan,
  type SlackMessage,
} from '@shipshape/slack';
import { mentionsIn, messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';

/** Rollback plans in a Slack message: escaped, linked to their pull request, bounded per PR and in total. */

const ctx: DeployContext = {
  status: 'smoke-failed',
  template: { kind: 'deploy' },
  environment: 'production',
  version: '1.2.3',
};

const allText = (m: SlackMessage): string => messageTexts(m as { text: string; blocks: unknown[] }).join('\n');

const hostile: ShippedPullPlan = {
  number: 43,
  title: 'Evil <!channel> | title > here',
  url: 'https://github.com/o/r/pull/43',
  sections: [
    {
      name: 'Rollback strategy',
      lines: ['<!channel> <https://evil|x> & <@U123>', '::error::injected', 'x'.repeat(100_000)],
    },
  ],
};

function pulls(n: number, lines: string[]): ShippedPullPlan[] {
  return Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    title: `PR ${i + 1}`,
    url: `https://github.com/o/r/pull/${i + 1}`,
    sections: [{ name: 'Rollback strategy', lines }],
  }));
}

describe('rollback plan blocks', () => {
  it('escapes a hostile description and title, links the pull request, and cuts a long section', () => {
    const text = pullPlanText(hostile);
    expect(text.startsWith('*<https://github.com/o/r/pull/43|#43 Evil &lt;!channel&gt; | title &gt; here>*')).toBe(
      true,
    );
    expect(text).toContain('>&lt;!channel&gt; &lt;https://evil|x&gt; &amp; &lt;@U123&gt;');
    expect(text).toContain('>::error::injected');
    expect(text).toContain('>_(cut: the rest is in the pull request)_');
    expect(text.length).toBeLessThanOrEqual(PLAN_LIMITS.pullChars);
    expect(mentionsIn(text)).toEqual([]);
  });

  it('fits the plans in what the message leaves, and says how many pull requests were left out, with the notes', () => {
    const plans: RollbackPlans = { pulls: pulls(30, ['r'.repeat(900)]), notes: ['Only the first 100 of 180 commits…'] };
    const message = buildOutcomeReply(ctx, [], undefined, plans);
    expect(validateSlackMessage(message)).toEqual([]);
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
    const text = allText(message);
    expect(text).toContain('*Rollback plans of the pull requests this release shipped*');
    const shown = (text.match(/\|#\d+ PR \d+>/g) ?? []).length;
    expect(shown).toBeGreaterThan(3);
    expect(shown).toBeLessThan(30);
    expect(text).toContain(`_${30 - shown} more pull requests not shown._`);
    expect(text).toContain('_Only the first 100 of 180 commits…_');
  });

  it('says when a pull request wrote no plan, and when there were no pull requests at all', () => {
    const none = rollbackPlanBlocks({ pulls: [], notes: [] }, { chars: 10_000, blocks: 50 });
    expect(JSON.stringify(none)).toContain('No merged pull requests found in this release.');
    const empty = pullPlanText({ number: 1, title: 't', url: 'https://github.com/o/r/pull/1', sections: [] });
    expect(empty).toContain('_No rollback strategy or deployment assistants in its description._');
  });

  it('a main message with the plans stays within Slack limits, and gives them no room when there is none', () => {
    const plans: RollbackPlans = { pulls: [hostile, ...pulls(12, ['undo'])], notes: [] };
    const message = buildMainMessage({ ...ctx, reason: 'r'.repeat(5_000) }, { plans });
    expect(validateSlackMessage(message)).toEqual([]);
    expect(mentionsIn(allText(message))).toEqual([]);
    expect(rollbackPlanBlocks(plans, { chars: 50, blocks: 50 })).toEqual([]);
    expect(rollbackPlanBlocks(plans, { chars: 10_000, blocks: 1 })).toEqual([]);
  });
});
