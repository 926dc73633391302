import { describe, expect, it } from '@jest/globals';
import { buildMainMessage } from '@shipshape/slack';
import { renderSummary } from '../../../actions/deploy-notify/src/summary';
import { parseMarkdown } from '../../../packages/markdown/src/parse';

const message = buildMainMessage({
  status: 'started',
  template: { kind: 'deploy' },
  environment: 'prod',
  version: '<img src=x onerror=alert(1)>',
  actor: 'a```b',
});

describe('job summary', () => {
  it('previews the message in a fence no text can close, with the title HTML-escaped', () => {
    const out = renderSummary({
      message,
      delivered: true,
      transport: 'bot',
      channel: 'C1',
      messageTs: '1.000001',
      permalink: 'https://t.slack.com/archives/C1/p1000001',
      actions: ['Posted'],
      problems: [],
    });
    expect(out).toContain('### Slack: 🚀 Deploying ‹img src=x onerror=alert(1)› to prod');
    expect(out).toContain(
      'Delivered in channel `C1` (message 1.000001) — [open in Slack](https://t.slack.com/archives/C1/p1000001).',
    );
    expect(out).toContain('````text\n');
    expect(out).not.toContain('<img');
  });

  it('says when the message was not delivered, and why', () => {
    const out = renderSummary({
      message,
      delivered: false,
      transport: 'webhook',
      actions: [],
      problems: [],
      error: 'POST incoming webhook failed (HTTP 500): <oops>',
    });
    expect(out).toContain('⚠️ **Not delivered**: POST incoming webhook failed (HTTP 500): &lt;oops&gt;');
  });

  it('with a webhook, says that it is posted at most once and that the failed message may be in the channel', () => {
    const viaWebhook = renderSummary({
      message,
      delivered: false,
      transport: 'webhook',
      actions: [],
      problems: [],
      error: 'POST incoming webhook failed (HTTP 500)',
    });
    expect(viaWebhook).toContain('posts it at most once');
    expect(viaWebhook).toContain('may or may not be in the channel');
    const viaBot = renderSummary({
      message,
      delivered: false,
      transport: 'bot',
      actions: [],
      problems: [],
      error: 'chat.postMessage failed (HTTP 500)',
    });
    expect(viaBot).not.toContain('at most once');
  });

  it('shows an environment or version full of Markdown as text in the heading (no link, image or autolink)', () => {
    const hostile = buildMainMessage({
      status: 'started',
      template: { kind: 'deploy' },
      environment: '[Approve here](https://evil.example/a) ![](https://evil.example/p.png)',
      version: 'www.evil.example/x',
    });
    const out = renderSummary({
      message: hostile,
      delivered: true,
      transport: 'webhook',
      actions: ['Posted [x](https://evil.example)'],
      problems: [],
    });
    const heading = out.split('\n')[0] ?? '';
    const live: string[] = [];
    const visit = (node: { type: string; children?: unknown[] }): void => {
      if (['link', 'image', 'html'].includes(node.type)) live.push(node.type);
      for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
    };
    visit(
      parseMarkdown(
        `${heading}\n\n${out
          .split('\n')
          .filter((l) => l.startsWith('- '))
          .join('\n')}`,
      ) as unknown as { type: string; children?: unknown[] },
    );
    expect(live).toEqual([]);
    expect(heading).toContain('Approve');
  });
});
