import { randomBytes } from 'node:crypto';
import { createGitHubClient, type GitHubClient } from '@shipshape/github';
import type { GitHubEmulator } from '@shipshape/testing/github-emulator';
import type { SlackEmulator } from '@shipshape/testing/slack-emulator';
import type { CleanupRegistry } from './cleanup';

/**
 * Where the live contract's scenarios run: a real repository and Slack workspace (LiveTarget) or the emulators
 * (EmulatedTarget). The scenarios see only this interface, so both modes run the same code: setup, the action's
 * committed bundle, verification and cleanup all go through `github` (the project's own Octokit client) and the
 * URLs below.
 */
export interface ContractTarget {
  readonly mode: 'live' | 'emulated';
  /** owner/name. */
  readonly repository: string;
  readonly owner: string;
  readonly repo: string;
  /** GITHUB_API_URL for the bundles and the client. */
  readonly apiUrl: string;
  /** GITHUB_SERVER_URL for the bundles. */
  readonly serverUrl: string;
  readonly token: string;
  readonly slack: SlackDestination;
  /** For setup, verification and cleanup. */
  readonly github: GitHubClient;
  /** `shipshape-live-<random>`: every ref, tag, branch, release and status context this run creates starts with it. */
  readonly prefix: string;
  readonly cleanup: CleanupRegistry;
  /**
   * The emulators (emulated mode only), for the extra assertions only they can make: request counts, Slack's record.
   */
  readonly emulators: Emulators | undefined;
  /**
   * Emulated mode: fails if a request broke GitHub's OpenAPI description or Block Kit's limits. Live: GitHub judged.
   */
  verifyTraffic(): void;
  /** Closes the emulators (after cleanup); nothing in live mode. */
  dispose(): Promise<void>;
}

export interface SlackDestination {
  webhookUrl: string;
  /** Web API base URL (deploy-notify's `api-url`). */
  apiUrl: string;
  /** A bot token and a channel: always in emulated mode, live only when both variables are set. */
  bot: { token: string; channel: string } | undefined;
}

export interface Emulators {
  github: GitHubEmulator;
  slack: SlackEmulator;
  /** The channel the webhook posts into. */
  webhookChannel: string;
}

/** A prefix no earlier or concurrent run shares: 8 random hex digits. */
export function newRunPrefix(): string {
  return `shipshape-live-${randomBytes(4).toString('hex')}`;
}

/**
 * The client the scenarios use; its warnings (rate limits, retries) reach the test log, its debug lines do not.
 * `delayUnitMs` scales its waits, GitHub's one-second spacing of writes included: 1000 against GitHub, a few
 * milliseconds against the emulator, which has no such limit.
 */
export function setupClient(apiUrl: string, token: string, delayUnitMs = 1000): GitHubClient {
  const quiet = (): void => undefined;
  const warn = (message: string): void => console.warn(`live contract: ${message}`);
  return createGitHubClient({
    token,
    baseUrl: apiUrl,
    log: { debug: quiet, info: quiet, notice: quiet, warning: warn, error: warn },
    userAgent: 'shipshape-live-contract',
    delayUnitMs,
  });
}
