import type { Clock, Logger } from '@shipshape/kit';
import { SlackBot, postWebhook, type DeliveryOptions, type HttpPost } from '@shipshape/slack';
import type { SlackPorts } from './deliver';

export interface SlackDelivery {
  fetch: HttpPost;
  clock: Clock;
  log: Logger;
  /** The `timeout` input: the whole Slack delivery's budget, retries and waits included. */
  timeoutMs: number;
}

/**
 * The webhook posters and the bot of one run, sharing one time budget (`timeout`) that starts when the first of them
 * is made: deliver() makes them when the delivery begins, after the rollback plans were looked up, so however long
 * that lookup took (it has its own budget), the alert still gets its retries.
 */
export function slackDeliveryPorts(delivery: SlackDelivery): SlackPorts {
  let deadline: number | undefined;
  const options = (): DeliveryOptions => {
    deadline ??= delivery.clock.now() + delivery.timeoutMs;
    return {
      fetch: delivery.fetch,
      clock: delivery.clock,
      log: delivery.log,
      maxTotalMs: delivery.timeoutMs,
      deadline,
      requestTimeoutMs: Math.min(10_000, delivery.timeoutMs),
    };
  };
  return {
    webhook: (url) => {
      const started = options();
      return (message) => postWebhook(url, message, started);
    },
    bot: (token, baseUrl) => new SlackBot({ ...options(), token, baseUrl }),
  };
}
