import { describeFailures } from './cleanup';
import { startEmulatedTarget } from './emulated-target';
import { LIVE_VARIABLES, readLiveEnvironment } from './environment';
import { leftovers } from './leftovers';
import { openLiveTarget } from './live-target';
import { newRunPrefix, type ContractTarget } from './target';

/**
 * Live mode needs two things: `npm run test:live` (its jest config, tests/live/jest.config.js, sets the global
 * SHIPSHAPE_LIVE_CONTRACT) and SHIPSHAPE_LIVE_REPO. `npm test` always runs the emulated mode, whatever the
 * environment holds, so a developer's exported variables never make the ordinary suite write to GitHub.
 */
export function liveContractRequested(): boolean {
  return (globalThis as { SHIPSHAPE_LIVE_CONTRACT?: unknown }).SHIPSHAPE_LIVE_CONTRACT === true;
}

export async function openTarget(): Promise<ContractTarget> {
  const prefix = newRunPrefix();
  if (!liveContractRequested()) return startEmulatedTarget(prefix);
  const env = readLiveEnvironment(process.env);
  if (env === undefined) {
    console.info(`live contract: ${LIVE_VARIABLES.repository} is not set, so the scenarios run against the emulators.`);
    return startEmulatedTarget(prefix);
  }
  console.info(
    `live contract: running against ${env.repository} (${env.apiUrl}); everything this run creates is named ${prefix}…`,
  );
  return openLiveTarget(env, prefix);
}

/**
 * Cleanup, then the proof that it removed what the run made (read back through the API), then the emulators
 * close. Throws, listing what is left, when an undo failed or something named with the run prefix remains.
 */
export async function closeTarget(t: ContractTarget): Promise<void> {
  try {
    const report = await t.cleanup.run();
    if (report.failures.length > 0) throw new Error(describeFailures(report));
    const left = await leftovers(t);
    if (left.length > 0)
      throw new Error(
        `live contract cleanup: ${left.length} thing(s) named ${t.prefix} are still in ${t.repository}:\n- ${left.join('\n- ')}`,
      );
  } finally {
    await t.dispose();
  }
}
