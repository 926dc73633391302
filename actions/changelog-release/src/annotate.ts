import type { Clock, Logger } from '@shipshape/kit';
import type { Release, ReleasesPort } from './github-port';
import type { AnnotateSettings } from './inputs';
import { MAX_BODY } from './publish';
import type { RepositoryPort } from './repository-port';
import { annotatedBody } from './rollback-note';
import { resolveRollback, type RollbackPlan } from './rollback';

export type AnnotatePort = Pick<ReleasesPort, 'listAll' | 'update'> &
  Pick<RepositoryPort, 'commitOf' | 'canPush' | 'latestRelease'>;

export interface AnnotateResult {
  plan: RollbackPlan;
  /** The failed release as it is now. */
  release: Release;
  /** Whether this run gave the Latest badge to the target. */
  latestMoved: boolean;
  reason: string | undefined;
  result: 'updated' | 'unchanged';
}

const sameText = (a: string | null, b: string): boolean => (a ?? '').replace(/\r\n?/g, '\n') === b;

/**
 * Marks the failed release: a rollback note on top of its notes (replacing an earlier one), and, when it held the
 * Latest badge, the badge moves to the target, so "Latest" names what runs in production again. A re-run with the
 * same inputs finds both done and writes nothing.
 */
export async function annotateRelease(
  settings: AnnotateSettings,
  port: AnnotatePort,
  clock: Clock,
  log: Logger,
): Promise<AnnotateResult> {
  const plan = await resolveRollback(settings, port, log);
  const date = new Date(clock.now()).toISOString().slice(0, 10);
  const body = annotatedBody(
    plan.failed.body,
    {
      targetTag: plan.target.tag_name,
      targetUrl: plan.target.html_url,
      date,
      reason: settings.reason,
      runId: settings.runId,
    },
    MAX_BODY,
  );
  let release = plan.failed;
  let changed = false;
  if (!sameText(release.body, body)) {
    release = await port.update(release.id, { body });
    changed = true;
  } else {
    log.info(`Release ${release.html_url} already carries this rollback note.`);
  }
  let latestMoved = false;
  const latest = await port.latestRelease();
  if (latest?.id === plan.failed.id) {
    if (plan.target.prerelease) {
      // https://docs.github.com/rest/releases/releases#update-a-release: "Drafts and prereleases cannot be set as
      // latest" (GitHub answers 422).
      log.warning(
        `${plan.failed.tag_name} keeps the Latest badge: the target ${plan.target.tag_name} is a pre-release, which GitHub cannot mark Latest.`,
      );
    } else {
      // make_latest "true" takes the badge from whichever release holds it (same page of the REST reference).
      await port.update(plan.target.id, { make_latest: 'true' });
      latestMoved = true;
      changed = true;
    }
  }
  return { plan, release, latestMoved, reason: settings.reason, result: changed ? 'updated' : 'unchanged' };
}
