import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WebhookExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

let groups: WebhookExampleGroup[] | undefined;

/**
 * A real event payload from @octokit/webhooks-examples (api.github.com), deep-copied so a test can adjust
 * it. `action` picks the first example with that `action` field (e.g. 'opened'); `pick` refines further.
 */
export function webhookExample<T = Record<string, unknown>>(
  event: string,
  action?: string,
  pick: (example: Record<string, unknown>) => boolean = () => true,
): T {
  groups ??= require('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExampleGroup[];
  const group = groups.find((g) => g.name === event);
  if (!group) throw new Error(`@octokit/webhooks-examples has no '${event}' event`);
  const example = group.examples.find((e) => (action === undefined || e.action === action) && pick(e));
  if (!example) throw new Error(`@octokit/webhooks-examples has no '${event}' example with action '${action}'`);
  return structuredClone(example) as T;
}
