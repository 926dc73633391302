import { describe, expect, it } from '@jest/globals';
import {
  blocksTextLength,
  buildMainMessage,
  buildNotesReplies,
  buildWebhookMessage,
  LIMITS,
  notesBlocks,
  type DeployContext,
} from '@shipshape/slack';
import {
  BLOCK_KIT_LIMITS,
  blocksTextLength as emulatorCount,
  validateSlackMessage,
} from '@shipshape/testing/slack-emulator';

/**
 * Slack's total text per message (issue 16, item 3): besides 50 blocks and 3,000 characters per section, Slack
 * refuses a message whose blocks hold too much text in all (`msg_blocks_too_long`, from about 11,300 characters:
 * slackapi/bolt-js#2509, #2867). Every message deploy-notify builds stays within 10,000, counted over every text
 * field of every block, and the emulator (which refuses above 11,000) accepts it.
 */

const ctx: DeployContext = {
  status: 'started',
  template: { kind: 'deploy' },
  environment: 'production',
  version: '7.0.0',
  releaseUrl: 'https://github.com/o/r/releases/tag/v7.0.0',
};
/** About 200 KB of notes: sections filled to the brim. */
const LARGE_NOTES = Array.from(
  { length: 400 },
  (_, i) => `- Change ${i}: ${'the deploy now waits for the staging smoke tests before it starts; '.repeat(7)}`,
).join('\n');

describe('the total text of one message', () => {
  it('is counted as the emulator counts it', () => {
    const message = buildWebhookMessage(ctx, notesBlocks('Some *notes*\n\n- a\n- b'));
    expect(blocksTextLength(message.blocks)).toBe(emulatorCount(message.blocks));
    expect(LIMITS.messageBlocksText).toBeLessThan(BLOCK_KIT_LIMITS.totalText);
  });

  it('a webhook message with 200 KB of notes keeps within 10,000 characters and ends with the link to the rest', () => {
    const message = buildWebhookMessage(ctx, notesBlocks(LARGE_NOTES));
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
    expect(validateSlackMessage(message)).toEqual([]);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('The notes are longer than one Slack message');
    expect(JSON.stringify(message.blocks)).toContain('Change 0:');
  });

  it('stays within 10,000 characters with a release URL of 2,900 characters in the link line', () => {
    const longUrl = `https://github.com/o/r/releases/tag/v7.0.0?${'q'.repeat(2850)}`;
    const message = buildWebhookMessage({ ...ctx, releaseUrl: longUrl }, notesBlocks(LARGE_NOTES));
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
    expect(validateSlackMessage(message)).toEqual([]);
  });

  it('notes replies each keep within 10,000 characters, and together carry every note once, in order', () => {
    const blocks = notesBlocks(LARGE_NOTES);
    const replies = buildNotesReplies(ctx, blocks);
    expect(replies.length).toBeGreaterThan(LARGE_NOTES.length / LIMITS.messageBlocksText);
    for (const reply of replies) {
      expect(blocksTextLength(reply.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
      expect(validateSlackMessage(reply)).toEqual([]);
    }
    const carried = replies.flatMap((r) => r.blocks.slice(1));
    expect(carried).toEqual(blocks.filter((b) => b.type !== 'divider'));
  });

  it('a main message with hostile, huge inputs keeps within 10,000 characters', () => {
    const huge = 'x'.repeat(50_000);
    const message = buildMainMessage(
      {
        ...ctx,
        status: 'failed',
        environment: huge,
        version: huge,
        actor: huge,
        reason: huge,
        commitSha: 'a'.repeat(40),
        commitUrl: 'https://github.com/o/r/commit/a',
        runUrl: 'https://github.com/o/r/actions/runs/1',
        elapsedMs: 1,
      },
      { mentions: Array.from({ length: 200 }, (_, i) => `<@U${String(i).padStart(8, '0')}>`) },
    );
    expect(blocksTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
    expect(validateSlackMessage(message)).toEqual([]);
  });
});
