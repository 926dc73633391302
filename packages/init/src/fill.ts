import type { InitOptions } from './options';
import { FULL_SHA } from './options';
import { PUBLISHED_REPOSITORY } from './published.generated';

/** The example's own defaults, the values `fillTemplate` replaces (workflows-examples/*.yml). */
export const EXAMPLE = {
  repository: PUBLISHED_REPOSITORY,
  window: 'mon-fri 08:00-17:00 Europe/Paris',
  tokenSecret: 'SLACK_BOT_TOKEN',
  channelVariable: '${{ vars.SLACK_DEPLOY_CHANNEL }}',
} as const;

// `uses: <published name>[/actions/<name>]@v1 [# comment]`, anywhere a step names one of our actions.
const OUR_USES = new RegExp(
  `^(\\s*(?:-\\s+)?uses:\\s+)${PUBLISHED_REPOSITORY.replace(/[.]/g, '\\.')}((?:/actions/[a-z-]+)?)@[^\\s#]+(?:\\s+#.*)?$`,
  'gm',
);
const QUEUE_BEHIND = /^(\s*workflows:\s+)[^#\n]*?(\s+#.*)?$/gm;
// The example's set-up paragraphs, from "Copy to …" to the pinning advice: init has done the copying and the pinning,
// and prints what is still to set (for the substituted names, not the example's).
const COPY_ADVICE = /^# Copy to \.github\/workflows\/[\s\S]*?^# full commit SHA instead, e\.g\. .*\n/m;

/** What a `uses:` of ours says after its ref: the tag, or why an unpinned ref is unpinned. */
function refComment(options: InitOptions): string {
  if (FULL_SHA.test(options.ref)) return options.tag === undefined ? '' : ` # ${options.tag}`;
  return ' # not pinned: replace with a full commit SHA for an immutable dependency';
}

/**
 * One example workflow with the team's values in it. Text substitution on purpose: the examples' comments and
 * layout are the documentation, and a YAML round trip would drop or move them.
 */
export function fillTemplate(name: string, text: string, options: InitOptions): string {
  const header = `# Written by \`shipshape init\` from shipshape's ${name}.yml example (${options.repository}@${options.ref}).\n`;
  let filled = text
    .replace(COPY_ADVICE, '')
    .replace(OUR_USES, (_line, prefix: string, path: string) => {
      return `${prefix}${options.repository}${path}@${options.ref}${refComment(options)}`;
    })
    .replaceAll(EXAMPLE.window, options.window)
    .replaceAll(`secrets.${EXAMPLE.tokenSecret}`, `secrets.${options.slackTokenSecret}`);
  if (options.slackChannel !== undefined) filled = filled.replaceAll(EXAMPLE.channelVariable, options.slackChannel);
  if (options.queueBehind !== undefined) {
    const list = options.queueBehind.join(', ');
    filled = filled.replace(QUEUE_BEHIND, (_line, prefix: string, comment: string | undefined) => {
      return `${prefix}${list}${comment ?? ''}`;
    });
  }
  return header + filled;
}
