import { describe, expect, it } from '@jest/globals';
import {
  blocksTextLength,
  buildMainMessage,
  buildNotesReplies,
  buildOutcomeReply,
  buildWebhookMessage,
  DEPLOY_STATUSES,
  formatElapsed,
  headline,
  LIMITS,
  notesBlocks,
  renderTemplate,
  type DeployContext,
  type SlackMessage,
} from '@shipshape/slack';
import { mentionsIn, messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';

const base: DeployContext = {
  status: 'started',
  template: { kind: 'deploy' },
  environment: 'production',
  version: '1.2.3',
  actor: 'octocat',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  releaseUrl: 'https://github.com/o/r/releases/tag/v1.2.3',
  commitSha: 'ffac537e6cbbf934b08745a378932722df287a53',
  commitUrl: 'https://github.com/o/r/commit/ffac537e6cbbf934b08745a378932722df287a53',
};

const allText = (m: SlackMessage): string => messageTexts(m as { text: string; blocks: unknown[] }).join('\n');

describe('deploy messages', () => {
  it('has a headline per status', () => {
    expect(DEPLOY_STATUSES.map((status) => headline({ ...base, status }))).toEqual([
      '🚀 Deploying v1.2.3 to production',
      '✅ Deployed v1.2.3 to production',
      '❌ Deploy v1.2.3 to production failed',
      '⚪ Deploy v1.2.3 to production cancelled',
      '↩️ Deploy v1.2.3 to production rolled back',
      '🔥 Smoke tests failed after deploying v1.2.3 to production',
      '🟡 Deployed v1.2.3 to production, not yet verified',
      '🟢 Verified v1.2.3 in production',
    ]);
    expect(headline({ ...base, version: 'main-abc123' })).toBe('🚀 Deploying main-abc123 to production');
  });

  it('builds a header, fields, links and a text fallback, valid for Slack', () => {
    const m = buildMainMessage({ ...base, status: 'succeeded', elapsedMs: 125_000 });
    expect(m.text).toBe('✅ Deployed v1.2.3 to production after 2m 5s (by octocat)');
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '✅ Deployed v1.2.3 to production', emoji: true },
    });
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('*Elapsed*\\n2m 5s');
    expect(json).toContain('<https://github.com/o/r/actions/runs/1|Workflow run>');
    expect(json).toContain('<https://github.com/o/r/releases/tag/v1.2.3|Release>');
    expect(json).toContain('<https://github.com/o/r/commit/ffac537e6cbbf934b08745a378932722df287a53|ffac537>');
    expect(m.unfurl_links).toBe(false);
    expect(validateSlackMessage(m)).toEqual([]);
  });

  it('puts only input mentions in the message, and escapes actor, version and reason', () => {
    const hostile = {
      ...base,
      actor: '<!channel>',
      version: '<@U1>',
      reason: '<!subteam^S1> & <https://evil|bank>',
      environment: '<!here>',
    };
    const m = buildMainMessage(hostile, { mentions: ['<!subteam^S0ONCALL>'] });
    expect(mentionsIn(allText(m)).sort()).toEqual(['<!subteam^S0ONCALL>', '<!subteam^S0ONCALL>']);
    expect(allText(m)).toContain('&lt;!channel&gt;');
    expect(m.blocks[0]?.type === 'header' && m.blocks[0].text.text).toBe('🚀 Deploying ‹@U1› to ‹!here›');
  });

  it('freeze and unfreeze presets say what to do, with the reason and who asked', () => {
    const freeze = buildMainMessage({ ...base, template: { kind: 'freeze' }, reason: 'Hotfix for login' });
    expect(freeze.text).toBe(
      '🧊 Merge freeze: production: please hold off on merging anything until further notice (by octocat)',
    );
    expect(allText(freeze)).toContain(
      '*Please hold off on merging anything until further notice.*\n*Reason:* Hotfix for login\n*Requested by:* octocat',
    );
    const unfreeze = buildMainMessage({ ...base, template: { kind: 'unfreeze' } });
    expect(unfreeze.text).toMatch(/Merge freeze lifted: production: you may resume merging/);
  });

  it('renders custom templates with escaped placeholder values and linked URLs', () => {
    const ctx = { ...base, reason: '*urgent* <!channel>', releaseUrl: 'https://x.example/r (1)' };
    const out = renderTemplate('**{version}** to {environment} by {actor}: {reason} — [notes]({release_url})', ctx);
    expect(out).toBe(
      '*v1.2.3* to production by octocat: *urgent* &lt;!channel&gt; — <https://x.example/r%20%281%29|notes>',
    );
    expect(() => renderTemplate('{version} {unknown}', ctx)).toThrow('unknown placeholder {unknown}');
    expect(renderTemplate('see {run_url}', { ...base, runUrl: 'javascript:alert(1)' })).toBe('see javascript:alert(1)');
  });

  it('puts a rendered custom template in the message body', () => {
    const custom = {
      ...base,
      template: { kind: 'custom' as const, text: '**{version}** is out: {reason}' },
      reason: '<!here> go',
    };
    const m = buildMainMessage({ ...custom, customBody: renderTemplate(custom.template.text, custom) });
    expect(m.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*v1.2.3* is out: &lt;!here&gt; go' },
    });
    expect(mentionsIn(allText(m))).toEqual([]);
  });

  it('formats elapsed time', () => {
    expect([0, 59_400, 61_000, 3_725_000].map(formatElapsed)).toEqual(['0s', '59s', '1m 1s', '1h 2m 5s']);
  });

  it('an outcome reply pings the given mentions and links the deploy message', () => {
    const reply = buildOutcomeReply(
      { ...base, status: 'failed', elapsedMs: 5000 },
      ['<!subteam^S0ONCALL>'],
      'https://team.slack.com/archives/C1/p1',
    );
    expect(reply.text).toBe('<!subteam^S0ONCALL> ❌ Deploy v1.2.3 to production failed after 5s (by octocat)');
    expect(JSON.stringify(reply.blocks)).toContain('<https://team.slack.com/archives/C1/p1|Deploy message>');
  });
});

describe('release notes within the limits', () => {
  const hugeNotes = (kb: number): string => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < kb * 1024; i++) {
      const part = `### Change ${i}\n\n- **fix** for <!channel> & [issue ${i}](https://github.com/o/r/issues/${i})\n  - nested detail ${'word '.repeat(20)}\n\n\`\`\`\ncode ${i} <x>\n\`\`\`\n`;
      parts.push(part);
      size += part.length;
    }
    return parts.join('\n');
  };

  it('a 200 KB section gives valid payloads: thread replies and a webhook message cut with a link', () => {
    const blocks = notesBlocks(hugeNotes(200));
    const replies = buildNotesReplies(base, blocks);
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      expect(validateSlackMessage(reply)).toEqual([]);
      expect(reply.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      expect(mentionsIn(allText(reply))).toEqual([]);
    }
    expect(replies[0]?.text).toBe(`📝 Release notes for v1.2.3 (1/${replies.length})`);
    const m = buildWebhookMessage(base, blocks);
    expect(validateSlackMessage(m)).toEqual([]);
    // Cut by Slack's total text per message (msg_blocks_too_long) before the block count is reached.
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(blocksTextLength(m.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
    const last = m.blocks.at(-1);
    expect(last?.type === 'section' && last.text?.text).toBe(
      '_The notes are longer than one Slack message — read <https://github.com/o/r/releases/tag/v1.2.3|the full release notes>._',
    );
  });

  it('short notes fit whole under the message', () => {
    const m = buildWebhookMessage(base, notesBlocks('## Fixes\n\n- one\n- two'));
    expect(m.blocks.at(-1)).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Fixes*\n\n• one\n• two' } });
  });
});
