import { Inputs, messageOf, runnerInputSource, systemClock } from '@shipshape/kit';
import { maskSecrets, runnerLogger, stepFailed, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { readRunnerContext, type RunnerContext } from '@shipshape/kit/runner-context';
import { createWorkspaceReader } from '@shipshape/kit/workspace';
import type { Block, SlackMessage } from '@shipshape/slack/blocks';
import { SlackBot } from '@shipshape/slack/bot';
import { postWebhook, type DeliveryOptions } from '@shipshape/slack/client';
import { nodeHttpPost } from '@shipshape/slack/http';
import type { DeployContext } from '@shipshape/slack/deploy-message';
import { safeLinkUrl } from '@shipshape/slack/escape';
import { INPUT, readSettings, secretInputs, type Settings } from './inputs';
import { freezeWithBot, notifyDeployWithBot, notifyWithWebhook, unfreezeWithBot, webhookMessage, type NotifyOutcome, type NotifyRequest } from './notify';
import { renderSummary } from './summary';

/** What the runner tells us about this run: who, which commit, where to link. */
function deployContext(settings: Settings, runner: RunnerContext): DeployContext {
  const { serverUrl: server, repository, runId, sha, payload } = runner;
  const compare = typeof payload.compare === 'string' && safeLinkUrl(payload.compare) ? payload.compare : undefined;
  return {
    status: settings.status,
    template: settings.template,
    environment: settings.environment,
    version: settings.version,
    actor: runner.triggeringActor || undefined,
    repository: repository || undefined,
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
    releaseUrl: settings.releaseUrl,
    commitSha: sha || undefined,
    commitUrl: repository && sha ? `${server}/${repository}/commit/${sha}` : undefined,
    compareUrl: compare,
    reason: settings.reason,
  };
}

async function deliver(settings: Settings, request: NotifyRequest): Promise<NotifyOutcome> {
  const deps = { clock: systemClock, log: runnerLogger };
  const delivery: DeliveryOptions = {
    fetch: nodeHttpPost,
    clock: systemClock,
    log: runnerLogger,
    maxTotalMs: settings.timeoutMs,
    deadline: systemClock.now() + settings.timeoutMs,
    requestTimeoutMs: Math.min(10_000, settings.timeoutMs),
  };
  const transport = settings.transport;
  if (transport.kind === 'webhook') {
    const onFailure = transport.urlOnFailure;
    const postOnFailure = onFailure === undefined ? undefined : (message: SlackMessage) => postWebhook(onFailure, message, delivery);
    return notifyWithWebhook((message) => postWebhook(transport.url, message, delivery), request, deps, postOnFailure);
  }
  const bot = new SlackBot({ ...delivery, token: transport.token, baseUrl: transport.apiUrl });
  if (settings.template.kind === 'freeze') return freezeWithBot(bot, transport.channel, request, deps);
  if (settings.template.kind === 'unfreeze') return unfreezeWithBot(bot, transport.channel, request, deps);
  return notifyDeployWithBot(bot, transport.channel, transport.channelOnFailure, request, deps);
}

/**
 * Notes and custom templates go through the Markdown parser (markdown-it), evaluated only when one is given; it
 * stays in the one minified bundle ("eager" = same chunk: ncc does not minify separate chunks). Measured (load
 * only, medians of 31 interleaved spawns): bare node 28 ms, this bundle 52 ms, the remark-based one before it 55 ms.
 */
async function renderMarkdown(settings: Settings, ctx: DeployContext): Promise<Block[] | undefined> {
  const hasNotes = settings.notes !== undefined && settings.notes.trim() !== '';
  if (!hasNotes && settings.template.kind !== 'custom') return undefined;
  const { notesBlocks, renderTemplate } = await import('@shipshape/slack/notes');
  if (settings.template.kind === 'custom') ctx.customBody = renderTemplate(settings.template.text, ctx);
  return hasNotes ? notesBlocks(settings.notes ?? '') : undefined;
}

export async function run(): Promise<void> {
  const inputs = new Inputs(runnerInputSource());
  // Before anything can print (even an error about the event file): the webhook URL and the token never reach the log.
  maskSecrets(...secretInputs(inputs));
  const runner = readRunnerContext();
  const workspace = createWorkspaceReader(runner.workspace);
  const settings = readSettings(inputs, { readFile: (path) => workspace.readText(path, { input: INPUT.notesFile }) });
  const ctx = deployContext(settings, runner);
  const notes = await renderMarkdown(settings, ctx);
  const request: NotifyRequest = {
    ctx,
    notes,
    mentions: settings.mentions,
    mentionsOnFailure: settings.mentionsOnFailure,
    messageTs: settings.messageTs,
    key: { repository: runner.repository, runId: runner.runId === 0 ? '' : String(runner.runId), environment: settings.environment },
    runAttempt: String(runner.runAttempt),
  };
  let outcome: NotifyOutcome | undefined;
  let failure: string | undefined;
  try {
    outcome = await deliver(settings, request);
  } catch (error) {
    failure = messageOf(error);
  }
  const channel = outcome?.channel ?? (settings.transport.kind === 'bot' ? settings.transport.channel : undefined);
  writeOutputs({
    'message-ts': outcome?.messageTs ?? settings.messageTs,
    channel,
    permalink: outcome?.permalink,
  });
  const preview: SlackMessage = outcome?.message ?? webhookMessage(request);
  writeSummary(
    renderSummary({
      message: preview,
      delivered: outcome !== undefined,
      transport: settings.transport.kind,
      channel,
      messageTs: outcome?.messageTs,
      permalink: outcome?.permalink,
      actions: outcome?.actions ?? [],
      problems: outcome?.problems ?? [],
      error: failure,
    }),
  );
  const problems = outcome?.problems ?? [];
  if (failure !== undefined) {
    if (settings.failOnError) stepFailed(`The Slack notification was not delivered: ${failure}`);
    else runnerLogger.warning(`The Slack notification was not delivered: ${failure} (fail-on-error is false, so the deploy goes on).`, { title: 'deploy-notify' });
  }
  for (const problem of problems) {
    if (settings.failOnError) stepFailed(`Slack: ${problem}`);
    else runnerLogger.warning(`Slack: ${problem}`, { title: 'deploy-notify' });
  }
}
