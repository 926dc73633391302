import { messageOf, type Logger } from '@shipshape/kit';
import type { Block, DeployContext, RollbackPlans } from '@shipshape/slack';
import { safeLinkUrl, emptyPlaceholdersWarning } from '@shipshape/slack';
import type { ShippedPullsPort } from './github-port';
import { runStartLowerBoundMs, type Settings } from './inputs';
import {
  freezeWithBot,
  notifyDeployWithBot,
  notifyWithWebhook,
  unfreezeWithBot,
  type BotPort,
  type NotifyDeps,
  type NotifyOutcome,
  type NotifyRequest,
  type WebhookPort,
  alertsOnFailure,
} from './notify';

/** What deploy-notify needs to know about the run (the runner context, narrowed). */
export interface RunFacts {
  repository: string;
  runId: number;
  runAttempt: number;
  sha: string;
  serverUrl: string;
  triggeringActor: string;
  payload: Record<string, unknown>;
}

/** How to reach Slack: a poster per incoming-webhook URL, a bot per token. */
export interface SlackPorts {
  webhook(url: string): WebhookPort;
  bot(token: string, apiUrl: string): BotPort;
}

/** Slack, and GitHub for the rollback plans (a client per token, loaded only when a failure needs the plans). */
export interface NotifyPorts extends SlackPorts {
  /** Absent where no GitHub is to be asked (the plans are then left out). */
  github?: (token: string) => Promise<ShippedPullsPort>;
}

/** One run's notification: what was asked, and what happened (an outcome, or why nothing was delivered). */
export interface NotifyResult {
  request: NotifyRequest;
  outcome: NotifyOutcome | undefined;
  failure: string | undefined;
}

/** Who, which commit, where to link. */
function deployContext(settings: Settings, run: RunFacts): DeployContext {
  const { serverUrl: server, repository, runId, sha, payload } = run;
  const compare = typeof payload.compare === 'string' && safeLinkUrl(payload.compare) ? payload.compare : undefined;
  return {
    status: settings.status,
    template: settings.template,
    environment: settings.environment,
    version: settings.version,
    actor: run.triggeringActor || undefined,
    repository: repository || undefined,
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined,
    releaseUrl: settings.releaseUrl,
    commitSha: sha || undefined,
    commitUrl: repository && sha ? `${server}/${repository}/commit/${sha}` : undefined,
    compareUrl: compare,
    reason: settings.reason,
  };
}

/**
 * Notes and custom templates go through the Markdown parser (markdown-it, docs/performance.md row 4), loaded only
 * when one is given. A placeholder of the template that is empty in this run renders as nothing: that is a warning.
 */
async function renderMarkdown(settings: Settings, ctx: DeployContext, log: Logger): Promise<Block[] | undefined> {
  const hasNotes = settings.notes !== undefined && settings.notes.trim() !== '';
  if (!hasNotes && settings.template.kind !== 'custom') return undefined;
  const { emptyTemplatePlaceholders, notesBlocks, renderTemplate } = await import('@shipshape/slack/notes');
  if (settings.template.kind === 'custom') {
    ctx.customBody = renderTemplate(settings.template.text, ctx);
    const empty = emptyTemplatePlaceholders(settings.template.text, ctx);
    if (empty.length > 0) log.warning(emptyPlaceholdersWarning(empty));
  }
  return hasNotes ? notesBlocks(settings.notes ?? '') : undefined;
}

/** The transport and the template decide which conversation with Slack this is. */
function deliver(
  settings: Settings,
  request: NotifyRequest,
  ports: SlackPorts,
  deps: NotifyDeps,
): Promise<NotifyOutcome> {
  const transport = settings.transport;
  if (transport.kind === 'webhook') {
    const onFailure = transport.urlOnFailure;
    return notifyWithWebhook(
      ports.webhook(transport.url),
      request,
      deps,
      onFailure === undefined ? undefined : ports.webhook(onFailure),
    );
  }
  const bot = ports.bot(transport.token, transport.apiUrl);
  if (settings.template.kind === 'freeze') return freezeWithBot(bot, transport.channel, request, deps);
  if (settings.template.kind === 'unfreeze') return unfreezeWithBot(bot, transport.channel, request, deps);
  return notifyDeployWithBot(bot, transport.channel, transport.channelOnFailure, request, deps);
}

/**
 * A failure alert's rollback plans (failed, smoke-failed, rolled-back of a deploy or custom message), when a GitHub
 * token is there: the shipped pull requests' plans, or a note that they could not be read (and a warning).
 */
async function rollbackPlans(
  settings: Settings,
  ctx: DeployContext,
  run: RunFacts,
  ports: NotifyPorts,
  deps: NotifyDeps,
): Promise<RollbackPlans | undefined> {
  const source = settings.plans;
  if (source === undefined || ports.github === undefined || !alertsOnFailure({ ctx })) return undefined;
  const sha = source.sha ?? run.sha;
  if (sha === '') {
    deps.log.warning('Rollback plans not quoted: no `sha` input and no GITHUB_SHA to compare with.');
    return undefined;
  }
  let port: ShippedPullsPort;
  try {
    port = await ports.github(source.token);
  } catch (error) {
    deps.log.warning(`Rollback plans not quoted: ${messageOf(error)}`);
    return undefined;
  }
  // Read only for a failure alert, like the GitHub client and the Markdown parser it loads.
  const { findRollbackPlans } = await import('./rollback-plans');
  const { plans, warning } = await findRollbackPlans(
    port,
    { since: source.since, sha },
    { log: deps.log, clock: deps.clock, readSections: async () => (await import('./plan-sections')).readPlanSections },
  );
  if (warning !== undefined) deps.log.warning(warning);
  return plans;
}

/** Builds the message for this run and delivers it; a delivery failure is part of the result, not thrown. */
export async function sendNotification(
  settings: Settings,
  run: RunFacts,
  ports: NotifyPorts,
  deps: NotifyDeps,
): Promise<NotifyResult> {
  const ctx = deployContext(settings, run);
  const request: NotifyRequest = {
    ctx,
    notes: await renderMarkdown(settings, ctx, deps.log),
    mentions: settings.mentions,
    mentionsOnFailure: settings.mentionsOnFailure,
    messageTs: settings.messageTs,
    key: {
      repository: run.repository,
      runId: run.runId === 0 ? '' : String(run.runId),
      environment: settings.environment,
    },
    runAttempt: String(run.runAttempt),
    runStartedMs: runStartLowerBoundMs(run.payload),
  };
  if (settings.threadVersion !== undefined) request.threadVersion = settings.threadVersion;
  const plans = await rollbackPlans(settings, ctx, run, ports, deps);
  if (plans !== undefined) request.plans = plans;
  try {
    return { request, outcome: await deliver(settings, request, ports, deps), failure: undefined };
  } catch (error) {
    return { request, outcome: undefined, failure: messageOf(error) };
  }
}
