import { ApiError } from '@shipshape/kit';

/** What to do about the error codes Slack returns (Web API `error`, or a webhook's plain-text body). */
const HINTS: Record<string, string> = {
  channel_not_found: 'invite the bot to the channel (/invite @your-app) and pass the channel ID (C…), not its name',
  not_in_channel: 'invite the bot to the channel (/invite @your-app)',
  is_archived: 'the channel is archived: unarchive it or use another channel',
  invalid_auth: 'the token is not valid: use the Bot User OAuth Token (xoxb-…) of an installed app',
  not_authed: 'no token was sent: pass the bot token in the `token` input from a secret',
  account_inactive: 'the token belongs to a deleted user or uninstalled app: reinstall the app and update the secret',
  token_revoked: 'the token was revoked: reinstall the app and update the secret',
  token_expired: 'the token expired: refresh it or use a non-rotating bot token',
  missing_scope: 'add the missing OAuth scope to the app (chat:write; channels:history for lookups) and reinstall it',
  message_not_found:
    'the `message-ts` does not name a message in this channel: pass the `message-ts` output of the step that posted it and the same channel',
  cant_update_message: 'only messages posted by this bot can be updated: pass a `message-ts` the same app posted',
  edit_window_closed: 'the workspace does not allow editing messages this old',
  invalid_blocks:
    'Slack rejected the Block Kit layout: run `shipshape notify render …` and paste the JSON into Block Kit Builder to see why',
  invalid_blocks_format: 'the blocks are not valid JSON of Block Kit: run `shipshape notify render …` to inspect them',
  no_text: 'the message had no text: this is a bug in shipshape, please report it',
  msg_too_long: 'the message text is too long: shorten the notes or pass release-url so the rest is linked',
  msg_blocks_too_long:
    'the blocks of the message hold too much text in total (Slack refuses from about 11,000 characters): this is a bug in shipshape, which keeps each message within 10,000, please report it',
  too_many_attachments: 'too many attachments in one message',
  invalid_payload: 'the webhook body is not valid JSON: this is a bug in shipshape, please report it',
  invalid_token:
    'the webhook URL is not valid (revoked or mistyped): create a new incoming webhook and update the secret',
  no_service: 'the webhook was disabled or removed: create a new incoming webhook and update the secret',
  no_service_id: 'the webhook URL is incomplete: copy the whole URL from the app settings',
  no_team: 'the webhook URL is incomplete or its workspace is gone: copy the whole URL from the app settings',
  team_disabled: 'the workspace is disabled',
  action_prohibited: 'a workspace admin restricted posting to this channel',
  posting_to_general_channel_denied: 'only admins may post to this channel',
  channel_is_archived: 'the channel is archived: unarchive it or use another webhook',
  restricted_action: 'the workspace does not allow this app to post here',
  ratelimited: 'Slack rate-limited the request: post less often (1 message per second per channel)',
  rate_limited: 'Slack rate-limited the request: post less often (1 message per second per channel)',
  invalid_metadata_format: 'the message metadata was rejected: this is a bug in shipshape, please report it',
};

/** Read methods are rate-limited by tier, not per message: what to do differs from a post's rate limit. */
const READ_HINTS: Record<string, string> = {
  ratelimited:
    'Slack rate-limited reading the history: since 2025-05-29, apps distributed outside the Slack Marketplace (neither internal nor Marketplace-approved) get conversations.history at 1 request per minute and 15 messages a page, so for re-runs to find their message use an internal app (created in and for your own workspace)',
};

export function hintFor(code: string | undefined, call?: string): string | undefined {
  if (code === undefined) return undefined;
  if (call !== undefined && /^conversations\./.test(call) && READ_HINTS[code] !== undefined) return READ_HINTS[code];
  return HINTS[code];
}

/**
 * A Slack call that failed after any retries. `code` is Slack's error code when it gave one; `ambiguous`
 * means the message may have been posted anyway (the connection dropped or Slack answered 5xx).
 */
export class SlackError extends ApiError {
  constructor(
    call: string,
    status: number | undefined,
    readonly code: string | undefined,
    readonly detail: string,
    readonly ambiguous = false,
    options?: { cause?: unknown },
  ) {
    const hint = hintFor(code, call);
    const what = [code, detail !== code ? detail : undefined].filter((p) => p !== undefined && p !== '').join(': ');
    super(call, status, `${what}${hint ? ` — ${hint}` : ''}`, options);
  }
}
