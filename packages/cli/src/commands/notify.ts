import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, Inputs, MemoryLogger, mapInputSource, messageOf, systemClock } from '@shipshape/kit';
import {
  DEPLOY_STATUSES,
  emptyPlaceholdersWarning,
  emptyTemplatePlaceholders,
  KNOWN_PLACEHOLDERS_TEXT,
  nodeHttpPost,
  notesBlocks,
  postWebhook,
  renderTemplate,
  type DeployContext,
  type DeployStatus,
} from '@shipshape/slack';
import {
  MENTION_FORMS_TEXT,
  readMentions,
  readTemplate,
  webhookMessage,
  type NotifyRequest,
} from '@shipshape/action-deploy-notify';
import { defineCommand, type OptionValues } from '../command';
import { CommandFailed, UsageError } from '../errors';
import { EXIT, type CliIO } from '../io';

const OPTIONS = [
  {
    name: 'status',
    type: 'string',
    placeholder: 'status',
    default: 'started',
    choices: DEPLOY_STATUSES,
    help: 'what happened to the deploy',
  },
  { name: 'version', type: 'string', placeholder: 'version', help: 'the version deployed' },
  { name: 'environment', type: 'string', placeholder: 'env', default: 'production', help: 'where it was deployed' },
  { name: 'notes-file', type: 'string', placeholder: 'path', help: 'release notes in Markdown' },
  {
    name: 'template',
    type: 'string',
    placeholder: 'template',
    help: 'deploy, freeze, unfreeze, or a custom Markdown template with {version}, {environment}, {reason}, …',
  },
  { name: 'reason', type: 'string', placeholder: 'text', help: 'why (freeze, unfreeze, or any deploy)' },
  { name: 'release-url', type: 'string', placeholder: 'url', help: 'link to the release' },
  { name: 'actor', type: 'string', placeholder: 'name', help: 'who triggered it' },
  {
    name: 'mention',
    type: 'string',
    placeholder: 'mentions',
    help: `who to ping on every post, separated by spaces or commas: ${MENTION_FORMS_TEXT} (not everyone)`,
  },
  {
    name: 'mention-on-failure',
    type: 'string',
    placeholder: 'mentions',
    help: 'who to ping instead when the deploy failed, its smoke tests failed or it was rolled back (same forms)',
  },
] as const;

type Values = OptionValues<typeof OPTIONS>;

async function buildRequest(values: Values, io: CliIO): Promise<NotifyRequest> {
  // The action's own input readers, so a flag accepts exactly what the input of the same name does.
  const flags = new Inputs(
    mapInputSource({
      template: values.template,
      mention: values.mention,
      'mention-on-failure': values['mention-on-failure'],
    }),
  );
  let notes: string | undefined;
  const notesFile = values['notes-file'];
  if (notesFile !== undefined) {
    try {
      notes = await readFile(resolve(io.cwd, notesFile), 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read ${notesFile}: ${messageOf(error)}`);
    }
  }
  const ctx: DeployContext = {
    status: values.status as DeployStatus,
    template: readTemplate(flags),
    environment: values.environment,
    version: values.version,
    actor: values.actor,
    releaseUrl: values['release-url'],
    reason: values.reason,
  };
  if (ctx.template.kind === 'custom') {
    ctx.customBody = renderTemplate(ctx.template.text, ctx);
    const empty = emptyTemplatePlaceholders(ctx.template.text, ctx);
    if (empty.length > 0) io.stderr(`shipshape notify: warning: ${emptyPlaceholdersWarning(empty)}\n`);
  }
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

export const notifyCommand = defineCommand({
  name: 'notify',
  summary: 'Render (or send) a deploy-notify Slack message',
  description: `render prints, as JSON, exactly the body deploy-notify would POST to an incoming webhook ({"text",
"blocks", …}), to paste into Block Kit Builder. send posts it (with deploy-notify's retries).`,
  subcommands: [
    { name: 'render', help: 'print the webhook body as JSON' },
    { name: 'send', help: 'post it to the incoming webhook in SLACK_WEBHOOK_URL; prints nothing on success' },
  ],
  options: OPTIONS,
  notes: [
    "The flags take what deploy-notify's inputs of the same names take. A custom template may use the placeholders",
    `${KNOWN_PLACEHOLDERS_TEXT}: any other is an error, and one that is empty in the message is a warning.`,
  ].join('\n'),
  exitCodes: '0 done, 1 Slack refused or could not be reached, 2 usage error',
  async run({ values, subcommand, io }) {
    const request = await buildRequest(values, io);
    const message = webhookMessage(request);
    if (subcommand === 'render') {
      io.stdout(`${JSON.stringify(message, null, 2)}\n`);
      return EXIT.ok;
    }
    const url = io.env.SLACK_WEBHOOK_URL;
    if (!url || !/^https?:\/\//.test(url))
      throw new UsageError('send: set SLACK_WEBHOOK_URL to an incoming-webhook URL');
    try {
      await postWebhook(url, message, {
        fetch: io.fetch ?? nodeHttpPost,
        clock: systemClock,
        log: new MemoryLogger(),
        maxTotalMs: 30_000,
      });
    } catch (error) {
      // The URL is a secret: Slack's error never contains it, and neither does this line.
      throw new CommandFailed(`send: ${messageOf(error)}`);
    }
    return EXIT.ok;
  },
});
