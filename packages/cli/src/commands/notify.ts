import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Inputs, MemoryLogger, ShipshapeError, mapInputSource, messageOf, systemClock } from '@shipshape/kit';
import {
  DEPLOY_STATUSES,
  nodeHttpPost,
  notesBlocks,
  postWebhook,
  renderTemplate,
  type DeployContext,
  type DeployStatus,
} from '@shipshape/slack';
import { readMentions, readTemplate } from '@shipshape/action-deploy-notify/inputs';
import { webhookMessage, type NotifyRequest } from '@shipshape/action-deploy-notify/notify';
import { EXIT, type CliCommand, type CliIO } from '../io';

const help = `Usage: shipshape notify render --status succeeded --version 1.2.3 --environment production [options]
       shipshape notify send   … (same options; the webhook URL comes from SLACK_WEBHOOK_URL)

render prints, as JSON, exactly the body deploy-notify would POST to an incoming webhook ({"text", "blocks", …}),
to paste into Block Kit Builder. send posts it (with deploy-notify's retries) and prints nothing on success.
  --status <s>         ${DEPLOY_STATUSES.join(', ')} (default started)
  --version <v>        the version deployed
  --environment <env>  default production
  --notes-file <path>  release notes in Markdown
  --template <t>       deploy, freeze, unfreeze or a custom Markdown template with {version}, {environment}, …
  --reason <text>      why (freeze, unfreeze, or any deploy)
  --release-url <url>  link to the release
  --actor <name>       who triggered it
  --mention <m>        here, channel, <!subteam^S…>, <@U…>
  --mention-on-failure <m>
Exit codes: 0 done, 1 Slack refused or could not be reached, 2 usage error.`;

interface Values {
  status?: string;
  version?: string;
  environment?: string;
  'notes-file'?: string;
  template?: string;
  reason?: string;
  'release-url'?: string;
  actor?: string;
  mention?: string;
  'mention-on-failure'?: string;
  help?: boolean;
}

async function buildRequest(values: Values, io: CliIO): Promise<NotifyRequest> {
  const status = values.status ?? 'started';
  if (!(DEPLOY_STATUSES as readonly string[]).includes(status))
    throw new ShipshapeError(`--status must be one of ${DEPLOY_STATUSES.join(', ')}, got ${JSON.stringify(status)}`);
  const flags = new Inputs(
    mapInputSource({
      template: values.template,
      mention: values.mention,
      'mention-on-failure': values['mention-on-failure'],
    }),
  );
  let notes: string | undefined;
  if (values['notes-file'] !== undefined) {
    try {
      notes = await readFile(resolve(io.cwd, values['notes-file']), 'utf8');
    } catch (error) {
      throw new ShipshapeError(`cannot read ${values['notes-file']}: ${messageOf(error)}`);
    }
  }
  const ctx: DeployContext = {
    status: status as DeployStatus,
    template: readTemplate(flags),
    environment: values.environment ?? 'production',
    version: values.version,
    actor: values.actor,
    releaseUrl: values['release-url'],
    reason: values.reason,
  };
  if (ctx.template.kind === 'custom') ctx.customBody = renderTemplate(ctx.template.text, ctx);
  return {
    ctx,
    notes: notes === undefined || notes.trim() === '' ? undefined : notesBlocks(notes),
    mentions: readMentions(flags, 'mention'),
    mentionsOnFailure: readMentions(flags, 'mention-on-failure'),
    messageTs: undefined,
    key: { repository: '', runId: '', environment: ctx.environment },
    runAttempt: '1',
  };
}

export const notifyCommand: CliCommand = {
  name: 'notify',
  summary: 'Render (or send) a deploy-notify Slack message',
  help,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    if (sub !== 'render' && sub !== 'send') {
      io.stderr(`expected 'render' or 'send'\n${help}\n`);
      return EXIT.usage;
    }
    let values: Values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          status: { type: 'string' },
          version: { type: 'string' },
          environment: { type: 'string' },
          'notes-file': { type: 'string' },
          template: { type: 'string' },
          reason: { type: 'string' },
          'release-url': { type: 'string' },
          actor: { type: 'string' },
          mention: { type: 'string' },
          'mention-on-failure': { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      io.stderr(`${messageOf(error)}\n${help}\n`);
      return EXIT.usage;
    }
    if (values.help) {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    let request: NotifyRequest;
    try {
      request = await buildRequest(values, io);
    } catch (error) {
      io.stderr(`shipshape notify: ${messageOf(error)}\n`);
      return EXIT.usage;
    }
    const message = webhookMessage(request);
    if (sub === 'render') {
      io.stdout(`${JSON.stringify(message, null, 2)}\n`);
      return EXIT.ok;
    }
    const url = io.env.SLACK_WEBHOOK_URL;
    if (!url || !/^https?:\/\//.test(url)) {
      io.stderr('shipshape notify send: set SLACK_WEBHOOK_URL to an incoming-webhook URL\n');
      return EXIT.usage;
    }
    const log = new MemoryLogger();
    try {
      await postWebhook(url, message, { fetch: io.fetch ?? nodeHttpPost, clock: systemClock, log, maxTotalMs: 30_000 });
    } catch (error) {
      // The URL is a secret: Slack's error never contains it, and neither does this line.
      io.stderr(`shipshape notify send: ${messageOf(error)}\n`);
      return EXIT.checkFailed;
    }
    return EXIT.ok;
  },
};
