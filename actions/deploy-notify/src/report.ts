import type { SlackMessage } from '@shipshape/slack';
import type { NotifyResult } from './deliver';
import type { Settings } from './inputs';
import { webhookMessage } from './notify';
import { renderSummary } from './summary';

function channelOf(result: NotifyResult, settings: Settings): string | undefined {
  return result.outcome?.channel ?? (settings.transport.kind === 'bot' ? settings.transport.channel : undefined);
}

/** The step outputs, by their action.yml names. */
export function notifyOutputs(result: NotifyResult, settings: Settings): Record<string, string | undefined> {
  return {
    'message-ts': result.outcome?.messageTs ?? settings.messageTs,
    channel: channelOf(result, settings),
    permalink: result.outcome?.permalink,
    'posted-at': result.outcome?.postedAt,
  };
}

/** The job summary: what happened and a preview of the message (the one sent, else the one that would have been). */
export function notifySummary(result: NotifyResult, settings: Settings): string {
  const { outcome } = result;
  const preview: SlackMessage = outcome?.message ?? webhookMessage(result.request);
  return renderSummary({
    message: preview,
    delivered: outcome !== undefined,
    transport: settings.transport.kind,
    channel: channelOf(result, settings),
    messageTs: outcome?.messageTs,
    permalink: outcome?.permalink,
    actions: outcome?.actions ?? [],
    problems: outcome?.problems ?? [],
    error: result.failure,
  });
}

/**
 * What the step reports: with `fail-on-error` (the default) an undelivered message or a later problem fails the step;
 * without it each is a warning and the deploy goes on.
 */
export function notifyVerdict(result: NotifyResult, settings: Settings): { failures: string[]; warnings: string[] } {
  const lines: string[] = [];
  if (result.failure !== undefined) {
    const goesOn = settings.failOnError ? '' : ' (fail-on-error is false, so the deploy goes on).';
    lines.push(`The Slack notification was not delivered: ${result.failure}${goesOn}`);
  }
  for (const problem of result.outcome?.problems ?? []) lines.push(`Slack: ${problem}`);
  return settings.failOnError ? { failures: lines, warnings: [] } : { failures: [], warnings: lines };
}
