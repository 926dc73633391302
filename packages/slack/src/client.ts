import type { Clock, Logger } from '@shipshape/kit';
import { messageOf, quoteForMessage } from '@shipshape/kit';
import { SlackError } from './errors';
import type { HttpPost, HttpResponse } from './http';
import { redactPieces, tokenSecretPieces, webhookSecretPieces } from './secret-pieces';

/**
 * Delivery over an injected fetch: bounded retries (count and total time) for 429 (honouring Retry-After),
 * 5xx and dropped or hung connections; no retry for other 4xx or Slack `ok:false` answers. Before retrying
 * after an ambiguous failure (the request may have reached Slack), the caller's `lookup` can find the
 * message that did get posted, so a retry never duplicates it.
 */
export interface DeliveryOptions {
  /** Global fetch, nodeHttpPost (faster cold start), or a fake in tests. */
  fetch: HttpPost;
  clock: Clock;
  log: Logger;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Never start a retry (or wait) that would end later than this after the first attempt began. */
  maxTotalMs?: number;
  /**
   * An absolute time (clock ms) no call may wait past: several calls of one run share it, so the run's
   * whole Slack traffic stays within one budget.
   */
  deadline?: number;
  /** Abort one attempt that has not answered after this long. */
  requestTimeoutMs?: number;
}

export const DELIVERY_DEFAULTS = { maxRetries: 3, maxTotalMs: 30_000, requestTimeoutMs: 10_000 } as const;

interface RetryPolicy<T> {
  /** Finds what an ambiguous failure may have posted, before a retry that could post it twice. */
  lookup?: () => Promise<T | undefined>;
  /** Removes the secret's pieces from text that reaches an error message (an answer body, a connection error). */
  redact?: (text: string) => string;
  /**
   * For requests that cannot be looked up (incoming webhooks): retry only failures that prove nothing arrived (429,
   * a connection never made); any other failure may have posted, so it ends the delivery instead of risking a
   * duplicate.
   * Slack documents its webhook 500 as `rollup_error`, "something strange and unusual happened"
   * (https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks): nothing says the message was
   * not posted, and a webhook has no idempotency key and cannot be read back.
   */
  atMostOnce?: boolean;
}

export const AT_MOST_ONCE_NOTE =
  'the message may have been posted: an incoming webhook is posted at most once, so it is not retried after a failure that does not prove Slack did not take it (a retry could post it twice); check the channel';

/**
 * Connection errors raised before a connection existed, so before a byte of the request was sent (Node's system
 * errors: https://nodejs.org/api/errors.html#common-system-errors; DNS: https://nodejs.org/api/dns.html#error-codes).
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error code of a failed request: on the error (node:http) or its cause (global fetch wraps it). */
function networkErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The backoff before retry n (1-based) after a 5xx or a dropped connection. */
export const backoffMs = (retry: number): number => 1000 * 2 ** (retry - 1);

interface Attempt<T> {
  kind: 'done';
  value: T;
}
interface Failure {
  kind: 'retry' | 'fail';
  error: SlackError;
  /** Wait before the retry (from Retry-After), instead of the backoff. */
  waitMs?: number;
}

async function withRetries<T>(
  call: string,
  options: DeliveryOptions,
  attempt: (signal: AbortSignal) => Promise<Attempt<T> | Failure>,
  policy: RetryPolicy<T> = {},
): Promise<T> {
  const { lookup, redact = (text: string): string => text, atMostOnce = false } = policy;
  const maxRetries = options.maxRetries ?? DELIVERY_DEFAULTS.maxRetries;
  const maxTotalMs = options.maxTotalMs ?? DELIVERY_DEFAULTS.maxTotalMs;
  const timeoutMs = options.requestTimeoutMs ?? DELIVERY_DEFAULTS.requestTimeoutMs;
  const started = options.clock.now();
  const budgetMs =
    options.deadline === undefined ? maxTotalMs : Math.max(0, Math.min(maxTotalMs, options.deadline - started));
  for (let retry = 0; ; retry++) {
    const controller = new AbortController();
    // One attempt never outlives the budget either (at least 1 s, so a nearly spent budget still gets an answer).
    const attemptMs = Math.max(1000, Math.min(timeoutMs, budgetMs - (options.clock.now() - started)));
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${attemptMs} ms`)), attemptMs);
    let result: Attempt<T> | Failure;
    try {
      result = await attempt(controller.signal);
    } catch (error) {
      const code = controller.signal.aborted ? undefined : networkErrorCode(error);
      const reason = redact(
        controller.signal.aborted
          ? messageOf(controller.signal.reason)
          : `${messageOf(error)}${code !== undefined && !messageOf(error).includes(code) ? ` (${code})` : ''}`,
      );
      // A connection that was never made carried nothing: only then is it certain the request did not arrive.
      const sent = code === undefined || !NOT_SENT_CODES.has(code);
      result = {
        kind: 'retry',
        error: new SlackError(call, undefined, undefined, `connection failed: ${reason}`, sent, { cause: error }),
      };
    } finally {
      clearTimeout(timer);
    }
    if (result.kind === 'done') return result.value;
    const { error } = result;
    if (result.kind === 'fail') throw error;
    if (atMostOnce && error.ambiguous) throw withNote(error, AT_MOST_ONCE_NOTE);
    if (retry >= maxRetries) throw withNote(error, `gave up after ${attempts(retry + 1)}`);
    const waitMs = result.waitMs ?? backoffMs(retry + 1);
    const elapsed = options.clock.now() - started;
    if (elapsed + waitMs > budgetMs)
      throw withNote(
        error,
        `gave up after ${attempts(retry + 1)}: the next retry would exceed the ${Math.round(budgetMs / 100) / 10} s left of the time budget`,
      );
    options.log.warning(
      `${error.message}; retrying in ${Math.round(waitMs / 100) / 10} s (retry ${retry + 1} of ${maxRetries}).`,
    );
    await options.clock.sleep(waitMs);
    if (error.ambiguous && lookup) {
      const found = await lookup().catch((lookupError: unknown) => {
        options.log.warning(
          `Slack ${call}: could not check whether the failed attempt was posted (${messageOf(lookupError)}); retrying anyway.`,
        );
        return undefined;
      });
      if (found !== undefined) {
        options.log.info(`Slack ${call}: the earlier attempt did reach Slack; not posting it again.`);
        return found;
      }
    }
  }
}

const attempts = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`;

function withNote(error: SlackError, note: string): SlackError {
  return new SlackError(
    error.call,
    error.status,
    error.code,
    error.detail === error.code ? note : `${error.detail}; ${note}`,
    error.ambiguous,
    { cause: error.cause },
  );
}

function retryAfterMs(response: HttpResponse): number {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}

function classifyStatus(
  call: string,
  response: HttpResponse,
  body: string,
  code: string | undefined,
): Failure | undefined {
  if (response.status === 429) {
    return {
      kind: 'retry',
      waitMs: retryAfterMs(response),
      error: new SlackError(call, 429, code ?? 'rate_limited', 'rate limited'),
    };
  }
  if (response.status >= 500) {
    return {
      kind: 'retry',
      error: new SlackError(call, response.status, code, `server error ${quoteForMessage(body, 120)}`, true),
    };
  }
  if (response.status >= 400)
    return { kind: 'fail', error: new SlackError(call, response.status, code, code ?? quoteForMessage(body, 120)) };
  return undefined;
}

/** POSTs a message to an incoming webhook. Slack answers `ok` or a plain-text error code. */
export async function postWebhook(url: string, payload: unknown, options: DeliveryOptions): Promise<void> {
  const call = 'POST incoming webhook';
  // The URL is the secret: an answer that echoes the request path (`Cannot POST /services/…`) must not carry it into
  // an error message.
  const pieces = webhookSecretPieces(url);
  const redact = (text: string): string => redactPieces(text, pieces);
  await withRetries<true>(
    call,
    options,
    async (signal) => {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal,
      });
      const body = redact((await response.text()).trim());
      const code = /^[a-z_]{2,64}$/.test(body) && body !== 'ok' ? body : undefined;
      const failure = classifyStatus(call, response, body, code);
      if (failure) return failure;
      if (body === 'ok' || body === '') return { kind: 'done', value: true };
      return { kind: 'fail', error: new SlackError(call, response.status, code, quoteForMessage(body, 120)) };
    },
    { redact, atMostOnce: true },
  );
}

export interface WebApiOptions extends DeliveryOptions {
  token: string;
  /** https://slack.com/api/ (ends with a slash). */
  baseUrl?: string;
}

export type ApiResult = Record<string, unknown> & { ok: true };

const FORM_METHODS = new Set(['conversations.history', 'conversations.replies', 'chat.getPermalink']);

function formEncode(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return params.toString();
}

/**
 * Calls one Web API method with a JSON body and the bot token. Answers with `ok:false` fail with Slack's
 * error code and a hint. `lookup` (for posts) finds an already-posted copy after an ambiguous failure.
 */
export async function callWebApi(
  method: string,
  body: Record<string, unknown>,
  options: WebApiOptions,
  lookup?: () => Promise<ApiResult | undefined>,
): Promise<ApiResult> {
  const base = options.baseUrl ?? 'https://slack.com/api/';
  const url = `${base.endsWith('/') ? base : `${base}/`}${method}`;
  // Slack takes JSON bodies for write methods only; read methods get their arguments form-encoded.
  const asJson = !FORM_METHODS.has(method);
  const encoded = asJson ? JSON.stringify(body) : formEncode(body);
  const pieces = tokenSecretPieces(options.token);
  const redact = (text: string): string => redactPieces(text, pieces);
  return withRetries<ApiResult>(
    method,
    options,
    async (signal) => {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': asJson ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded',
          authorization: `Bearer ${options.token}`,
        },
        body: encoded,
        signal,
      });
      const text = redact(await response.text());
      let json: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
          json = parsed as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      const code = typeof json?.error === 'string' ? json.error : undefined;
      const failure = classifyStatus(method, response, text, code);
      if (failure) return failure;
      if (json === undefined)
        return {
          kind: 'retry',
          error: new SlackError(
            method,
            response.status,
            undefined,
            `answer is not JSON: ${quoteForMessage(text, 120)}`,
            true,
          ),
        };
      if (json.ok === true) return { kind: 'done', value: json as ApiResult };
      if (code === 'ratelimited')
        return {
          kind: 'retry',
          waitMs: retryAfterMs(response),
          error: new SlackError(method, response.status, code, code),
        };
      const detail =
        typeof json.needed === 'string'
          ? `the app lacks the ${json.needed} scope`
          : (code ?? 'ok:false without an error code');
      return { kind: 'fail', error: new SlackError(method, response.status, code ?? 'unknown_error', detail) };
    },
    { lookup, redact },
  );
}
