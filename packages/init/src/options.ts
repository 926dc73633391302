import { InputError, quoteForMessage } from '@shipshape/kit';
import { WindowSpecError, parseWindowSpec } from '@shipshape/window';

/** What `shipshape init` fills into the example workflows, validated once. */
export interface InitOptions {
  /** Which example workflows to write, by name (`pr-checks`, `release`, …). */
  workflows: readonly string[];
  /** `owner/name` of the shipshape repository the workflows use. */
  repository: string;
  /** The ref after `@`: a full commit SHA unless the user chose otherwise. */
  ref: string;
  /** Written as a comment after a SHA (`# v1.2.3`), so a reader and Dependabot see which release it is. */
  tag: string | undefined;
  /** A deploy-window spec with its time zone: `mon-fri 08:00-17:00 Europe/Paris`. */
  window: string;
  /** The secret holding the Slack bot token. */
  slackTokenSecret: string;
  /** A Slack channel ID written into the workflows, or undefined to keep the repository variable. */
  slackChannel: string | undefined;
  /** The workflow files a deploy waits behind (deploy-guard `workflows:`), or undefined to keep the examples'. */
  queueBehind: readonly string[] | undefined;
}

export interface RawInitOptions {
  workflows: readonly string[];
  /** `owner/name@ref`, or `owner/name` with the ref from `ref`. */
  uses: string;
  tag?: string;
  window: string;
  /** Added to each `;` part of the window that names no zone of its own (default UTC). */
  timeZone?: string;
  slackTokenSecret: string;
  slackChannel?: string;
  queueBehind?: readonly string[];
}

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
// A git ref as `uses:` accepts it: no spaces, no `..`, none of git's forbidden characters.
const REF = /^(?!.*\.\.)[A-Za-z0-9._/-]{1,255}$/;
export const FULL_SHA = /^[0-9a-f]{40}$/;
const SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]{0,254}$/;
// Slack conversation IDs: C (public), G (private or group), D (direct message), then upper-case letters and digits.
const CHANNEL_ID = /^[CGD][A-Z0-9]{8,}$/;
const WORKFLOW_FILE = /^[A-Za-z0-9._-]+\.ya?ml$/;

function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads the flags' values into options, or throws an InputError naming the flag and what it expects. */
export function readInitOptions(raw: RawInitOptions, known: readonly string[]): InitOptions {
  const workflows = [...new Set(raw.workflows.flatMap((w) => w.split(',')).map((w) => w.trim()))].filter(Boolean);
  if (workflows.length === 0) throw new InputError('workflows', `one or more of ${known.join(', ')}`, '');
  for (const name of workflows)
    if (!known.includes(name)) throw new InputError('workflows', `one or more of ${known.join(', ')}`, name);

  const at = raw.uses.lastIndexOf('@');
  const repository = at === -1 ? raw.uses : raw.uses.slice(0, at);
  const ref = at === -1 ? '' : raw.uses.slice(at + 1);
  if (!REPOSITORY.test(repository) || !REF.test(ref))
    throw new InputError('uses', 'owner/name@<ref>, the ref a full 40-character commit SHA', raw.uses);
  const tag = raw.tag?.trim() || undefined;
  if (tag !== undefined && !REF.test(tag)) throw new InputError('tag', 'a tag name such as v1.2.3', tag);

  const zone = raw.timeZone?.trim() || 'UTC';
  if (!isTimeZone(zone)) throw new InputError('time-zone', 'an IANA time zone such as Europe/Paris or UTC', zone);
  // "mon-fri 08:00-17:00" gets the zone; "mon-fri 08:00-17:00 Europe/Paris" keeps its own, part by part.
  const window = raw.window
    .split(';')
    .map((part) => part.trim())
    .map((part) => (/\d\d:\d\d-\d\d:\d\d$/.test(part) ? `${part} ${zone}` : part))
    .join('; ');
  try {
    parseWindowSpec(window, []);
  } catch (error) {
    if (error instanceof WindowSpecError)
      throw new InputError('window', `days and hours such as "mon-fri 08:00-17:00" (${error.message})`, raw.window);
    throw error;
  }

  if (!SECRET_NAME.test(raw.slackTokenSecret))
    throw new InputError(
      'slack-token-secret',
      'a secret name (letters, digits, _; not GITHUB_…)',
      raw.slackTokenSecret,
    );
  const slackChannel = raw.slackChannel?.trim() || undefined;
  if (slackChannel !== undefined && !CHANNEL_ID.test(slackChannel))
    throw new InputError('slack-channel', 'a channel ID such as C0123ABCDEF (not a #name)', slackChannel);
  const queueBehind = raw.queueBehind
    ?.flatMap((w) => w.split(','))
    .map((w) => w.trim())
    .filter(Boolean);
  for (const file of queueBehind ?? [])
    if (!WORKFLOW_FILE.test(file))
      throw new InputError('queue-behind', 'workflow file names such as release.yml', quoteForMessage(file));

  return {
    workflows,
    repository,
    ref,
    tag,
    window,
    slackTokenSecret: raw.slackTokenSecret,
    slackChannel,
    queueBehind: queueBehind && queueBehind.length > 0 ? queueBehind : undefined,
  };
}
