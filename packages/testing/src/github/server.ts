import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HANDLERS, type Answer, type HandlerRequest } from './handlers';
import {
  DOCUMENTATION_URL,
  emulatedRoutes,
  matchRoute,
  queryDefault,
  validateRequest,
  validateResponse,
} from './openapi';
import { missingPermission, type TokenPermissions } from './permissions';
import { EmulatedRepository, GitHubApiError, type EmulatorContext } from './state';
import type { ShapeContext } from './shapes';

export interface GitHubEmulatorOptions {
  /** Serve under a GitHub Enterprise Server style prefix, e.g. '/api/v3'. */
  basePath?: string;
  /** Login of the token's user: author of releases, comments and statuses created through the API. */
  actor?: string;
  /** Base of html_url fields (default https://github.com). */
  webUrl?: string;
  /** Also check every answer against the description's response schemas (slower; the test suite does it). */
  validateResponses?: boolean;
  /** The primary rate limit (x-ratelimit-limit), default 5000 requests. */
  rateLimit?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received (including any base path). */
  url: string;
  /** The OpenAPI route ("POST /repos/{owner}/{repo}/releases"), or undefined when the path is not a GitHub route. */
  route: string | undefined;
  /** The status answered; 0 while unanswered, and for a dropped or hung request. */
  status: number;
  /** The parsed JSON body (undefined without one; the raw text when it is not JSON). */
  body: unknown;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** The parsed JSON answer (the text for raw answers). */
  response: unknown;
  /** Whether a fault answered it. */
  faulted: boolean;
  /** Problems this request had with the OpenAPI description. */
  violations: string[];
}

export interface GitHubFault {
  /** Answer this status instead of the real answer. */
  status?: number;
  /** How many matching requests the fault applies to (default 1; Infinity for every one). */
  times?: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** A 403/429 with GitHub's secondary-rate-limit message (what plugin-throttling recognises). */
  secondaryRateLimit?: boolean;
  /** A primary rate limit: x-ratelimit-remaining 0 and this x-ratelimit-reset (epoch seconds). */
  rateLimitReset?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Never answer (the socket is destroyed on close()). */
  hang?: boolean;
  /** Answer (normally, or with the fault's status) this late. */
  latencyMs?: number;
  /**
   * A barrier: hold each request that takes this fault, unapplied, until this many have arrived, then let them all
   * go. Two runs that must race (both read before either writes) then race whatever the machine's load; a latency
   * only makes that likely. Use with `times` of at least this number.
   */
  holdUntil?: number;
  /** The JSON body of the faulty answer (default: GitHub's message for the status). */
  body?: unknown;
  /** Apply the request to the state first, then answer with the fault: an ambiguous failure. */
  afterApply?: boolean;
}

export type RequestListener = (request: RecordedRequest) => void;

export interface RateLimitState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds. */
  reset: number;
}

export interface GitHubEmulator {
  /** The API base URL, without a trailing slash: pass it as GITHUB_API_URL. */
  readonly url: string;
  /** A repository, created on first use (default branch `main`, one initial commit with README.md). */
  repo(fullName: string): EmulatedRepository;
  readonly requests: RecordedRequest[];
  /** Requests that matched a route ("POST /repos/{owner}/{repo}/releases"), any status; all requests without one. */
  count(route?: string): number;
  readonly violations: string[];
  /** Throws with the list of violations (then clears it). */
  assertNoViolations(): void;
  /** Forgets requests and violations. */
  resetTraffic(): void;
  fault(route: string, fault: GitHubFault): void;
  clearFaults(): void;
  /** Called after each answered request, before the answer is sent; returns a function that unsubscribes. */
  onRequest(listener: RequestListener): () => void;
  /** Models a workflow's `permissions:` block for the GITHUB_TOKEN (null lifts it); see permissions.ts. */
  restrictToken(permissions: TokenPermissions | null): void;
  /**
   * Requests with this token act as `login` (author of releases, comments, statuses; actor of the events they
   * cause), e.g. a GitHub App installation token (`my-app[bot]`) or a personal access token (`octocat`). Every
   * other token acts as the emulator's `actor` (default `github-actions[bot]`, the workflow's GITHUB_TOKEN).
   */
  tokenActor(token: string, login: string): void;
  readonly rateLimit: RateLimitState;
  close(): Promise<void>;
}

interface ActiveFault extends GitHubFault {
  route: string;
  remaining: number;
  /** The requests held at the fault's barrier (`holdUntil`), released together. */
  held: (() => void)[];
}

const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID';

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Requires authentication',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function etagOf(text: string): string {
  return `W/"${createHash('sha256').update(text).digest('hex')}"`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

interface Prepared {
  status: number;
  headers: Record<string, string>;
  /** Serialized body ('' for none). */
  text: string;
  /** Parsed body for the record. */
  value: unknown;
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const actor = options.actor ?? 'github-actions[bot]';
  const tokenActors = new Map<string, string>();
  const actorOf = (authorization: string): string =>
    tokenActors.get(authorization.replace(/^(?:token|bearer)\s+/i, '')) ?? actor;
  let nextId = 1000;
  let requestCounter = 0;
  const context: EmulatorContext = { nextId: () => (nextId += 1), now: () => isoSeconds(new Date()) };
  const repos = new Map<string, EmulatedRepository>();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  let faults: ActiveFault[] = [];
  const listeners = new Set<RequestListener>();
  let permissions: TokenPermissions | null = null;
  const limit = options.rateLimit ?? 5000;
  const rateLimit: RateLimitState = { limit, remaining: limit, used: 0, reset: Math.floor(Date.now() / 1000) + 3600 };
  const hung = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const known = new Set(emulatedRoutes());
  for (const route of Object.keys(HANDLERS))
    if (!known.has(route)) throw new Error(`github-emulator: ${route} is served but not in the fixture`);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the emulator itself: answer 500 and make the test fail.
      violations.push(
        `emulator error on ${req.method ?? ''} ${req.url ?? ''}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent && !res.destroyed)
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Server Error"}');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${basePath}`;
  const shapeContext: ShapeContext = { api: url, web: (options.webUrl ?? 'https://github.com').replace(/\/+$/, '') };

  function rateHeaders(fault?: ActiveFault): Record<string, string> {
    const exhausted = fault?.rateLimitReset !== undefined;
    return {
      'x-ratelimit-limit': String(rateLimit.limit),
      'x-ratelimit-remaining': exhausted ? '0' : String(rateLimit.remaining),
      'x-ratelimit-used': exhausted ? String(rateLimit.limit) : String(rateLimit.used),
      'x-ratelimit-reset': String(fault?.rateLimitReset ?? rateLimit.reset),
      'x-ratelimit-resource': 'core',
    };
  }

  function errorBody(status: number, message: string, errors?: unknown[]): Record<string, unknown> {
    const body: Record<string, unknown> = { message, documentation_url: DOCUMENTATION_URL, status: String(status) };
    if (errors) body.errors = errors;
    return body;
  }

  function json(status: number, value: unknown, extra: Record<string, string> = {}): Prepared {
    const text = value === undefined ? '' : JSON.stringify(value);
    const headers: Record<string, string> = { ...extra };
    if (text !== '') headers['content-type'] = 'application/json; charset=utf-8';
    return { status, headers, text, value };
  }

  function faultAnswer(fault: ActiveFault, requestId: string): Prepared {
    const status = fault.status as number;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    let body = fault.body;
    if (body === undefined) {
      if ((status === 403 || status === 429) && fault.rateLimitReset !== undefined) {
        body = {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: `${DOCUMENTATION_URL}/overview/rate-limits-for-the-rest-api#about-primary-rate-limits`,
          status: String(status),
        };
      } else if (fault.secondaryRateLimit || status === 429) {
        body = {
          message: `${SECONDARY_MESSAGE} ${requestId}.`,
          documentation_url: `${DOCUMENTATION_URL}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          status: String(status),
        };
      } else {
        body = errorBody(status, STATUS_MESSAGES[status] ?? 'Error', status === 422 ? [] : undefined);
      }
    }
    return json(status, body, headers);
  }

  function atBarrier(fault: ActiveFault, count: number): Promise<void> {
    return new Promise((release) => {
      fault.held.push(release);
      if (fault.held.length >= count) for (const go of fault.held.splice(0)) go();
    });
  }

  function takeFault(route: string): ActiveFault | undefined {
    const fault = faults.find((f) => f.route === route && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  /** GitHub's Link header for a page of a list ({} for a single page). */
  function linkHeader(requestUrl: URL, page: number, lastPage: number): Record<string, string> {
    const link = (n: number, rel: string): string => {
      const target = new URL(`${url}${requestUrl.pathname.slice(basePath.length)}`);
      requestUrl.searchParams.forEach((value, key) => target.searchParams.set(key, value));
      target.searchParams.set('page', String(n));
      return `<${target.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return links.length > 0 ? { link: links.join(', ') } : {};
  }

  function paginate(route: string, answer: Extract<Answer, { list: unknown[] }>, requestUrl: URL): Prepared {
    const declared = Number(queryDefault(route, 'per_page') ?? 30);
    const perPage = Math.max(1, Math.min(Number(requestUrl.searchParams.get('per_page') ?? declared) || declared, 100));
    const page = Math.max(1, Number(requestUrl.searchParams.get('page') ?? 1) || 1);
    const items = answer.list.slice((page - 1) * perPage, page * perPage);
    const lastPage = Math.max(1, Math.ceil(answer.list.length / perPage));
    const value = answer.wrap ? { total_count: answer.list.length, [answer.wrap]: items } : items;
    return json(200, value, linkHeader(requestUrl, page, lastPage));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const text = await readBody(req);
    requestCounter += 1;
    const requestId = `E${requestCounter.toString(16).toUpperCase().padStart(4, '0')}:EMUL`;
    let parsed: unknown = undefined;
    let parseError: string | undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = text;
        parseError = 'Problems parsing JSON';
      }
    }
    const record: RecordedRequest = {
      method,
      url: rawUrl,
      route: undefined,
      status: 0,
      body: parsed,
      headers: flattenHeaders(req),
      response: undefined,
      faulted: false,
      violations: [],
    };
    requests.push(record);
    const violate = (problem: string): void => {
      record.violations.push(problem);
      violations.push(`${method} ${rawUrl}${record.route ? ` (${record.route})` : ''}: ${problem}`);
    };

    const requestUrl = new URL(rawUrl, 'http://127.0.0.1');
    let pathname = requestUrl.pathname;
    const underBase = basePath === '' || pathname === basePath || pathname.startsWith(`${basePath}/`);
    pathname = underBase ? pathname.slice(basePath.length) || '/' : pathname;
    const match = underBase ? matchRoute(method, pathname) : ({ kind: 'unknown' } as const);

    let fault: ActiveFault | undefined;
    let prepared: Prepared;
    let handlerRequest: HandlerRequest | undefined;
    if (match.kind === 'unknown') {
      violate(`unknown route: ${method} ${pathname} is not in GitHub's OpenAPI description`);
      prepared = json(404, errorBody(404, 'Not Found'));
    } else if (match.kind === 'wrong-method') {
      violate(`unknown route: ${match.template} has no ${method} (only ${match.methods.join(', ')})`);
      prepared = json(404, errorBody(404, 'Not Found'));
    } else if (match.kind === 'unemulated') {
      record.route = match.route;
      violate(`unemulated route: ${match.route} is a GitHub route the emulator does not serve`);
      prepared = json(404, errorBody(404, 'Not Found'));
    } else {
      record.route = match.route;
      const problems = validateRequest(match.route, match.params, requestUrl.searchParams, {
        present: text !== '',
        value: parsed,
        ...(parseError ? { parseError } : {}),
      });
      const denied = permissions ? missingPermission(match.route, permissions) : undefined;
      const repo = repos.get(`${String(match.params.owner)}/${String(match.params.repo)}`.toLowerCase());
      if (!req.headers.authorization) {
        prepared = json(401, errorBody(401, 'Requires authentication'));
      } else if (problems.path.length > 0) {
        problems.path.forEach(violate);
        prepared = json(404, errorBody(404, 'Not Found'));
      } else if (problems.body.length > 0 || problems.query.length > 0) {
        [...problems.query, ...problems.body].forEach(violate);
        prepared = parseError
          ? json(400, errorBody(400, 'Problems parsing JSON'))
          : json(422, errorBody(422, `Invalid request.\n\n${[...problems.query, ...problems.body].join('\n')}`));
      } else if (rateLimit.remaining <= 0) {
        prepared = json(403, errorBody(403, 'API rate limit exceeded for installation ID 1.'));
      } else if (denied !== undefined) {
        prepared = json(403, errorBody(403, 'Resource not accessible by integration'), {
          'x-accepted-github-permissions': denied,
        });
      } else if (!repo) {
        prepared = json(404, errorBody(404, 'Not Found'));
      } else {
        const writeAccess = !permissions || permissions.contents === 'write';
        handlerRequest = {
          repo,
          params: problems.params,
          query: problems.queryValues,
          body: parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {},
          accept: req.headers.accept ?? '',
          actor: actorOf(req.headers.authorization),
          pushAccess: writeAccess,
          shape: shapeContext,
          now: context.now,
        };
        fault = takeFault(match.route);
        prepared = json(0, undefined);
      }
    }

    if (fault) {
      record.faulted = true;
      if (fault.holdUntil !== undefined) await atBarrier(fault, fault.holdUntil);
      if (fault.latencyMs !== undefined) await delay(fault.latencyMs);
      if (fault.hang) {
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return;
      }
      if (fault.afterApply && handlerRequest)
        run(match.kind === 'emulated' ? match.route : '', handlerRequest, requestUrl);
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
    }
    if (handlerRequest && (!fault || fault.status === undefined)) {
      prepared = run(record.route as string, handlerRequest, requestUrl);
      if (options.validateResponses && prepared.status < 300) {
        const contentType = prepared.headers['content-type'] ?? 'application/json';
        const value = contentType.startsWith('application/json') ? prepared.value : prepared.text;
        for (const problem of validateResponse(
          record.route as string,
          prepared.status,
          value,
          contentType.split(';')[0],
        ))
          violate(`emulator answer: ${problem}`);
      }
    } else if (fault && fault.status !== undefined) {
      prepared = faultAnswer(fault, requestId);
    }

    // Conditional requests: a matching ETag is 304 and costs no rate limit.
    const etag = method === 'GET' && prepared.status === 200 ? etagOf(prepared.text) : undefined;
    const ifNoneMatch = req.headers['if-none-match'];
    const notModified =
      etag !== undefined &&
      ifNoneMatch !== undefined &&
      ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2));
    if (notModified) prepared = { status: 304, headers: {}, text: '', value: undefined };
    else if (req.headers.authorization && rateLimit.remaining > 0) {
      rateLimit.used += 1;
      rateLimit.remaining -= 1;
    }
    const headers: Record<string, string> = {
      'x-github-request-id': requestId,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      ...rateHeaders(fault),
      ...prepared.headers,
    };
    if (etag) {
      headers.etag = etag;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      headers.vary = 'Accept, Authorization, Cookie, X-GitHub-OTP';
    }
    record.status = prepared.status;
    record.response = prepared.value;
    for (const listener of listeners) listener(record);
    if (res.destroyed) return;
    res.writeHead(prepared.status, headers);
    res.end(prepared.status === 304 ? undefined : prepared.text);
  }

  function run(route: string, request: HandlerRequest, requestUrl: URL): Prepared {
    const handler = HANDLERS[route];
    if (!handler) throw new Error(`github-emulator: no handler for ${route}`);
    try {
      const answer = handler(request);
      if ('list' in answer) return paginate(route, answer, requestUrl);
      if ('raw' in answer)
        return {
          status: answer.status,
          headers: { 'content-type': answer.contentType },
          text: answer.raw,
          value: answer.raw,
        };
      if ('pages' in answer && answer.pages)
        return json(answer.status, answer.body, linkHeader(requestUrl, answer.pages.page, answer.pages.last));
      return json(answer.status, answer.body);
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      return json(error.status, errorBody(error.status, error.message, error.errors));
    }
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  return {
    url,
    repo(fullName: string): EmulatedRepository {
      const key = fullName.toLowerCase();
      let repo = repos.get(key);
      if (!repo) {
        repo = new EmulatedRepository(fullName, context);
        repos.set(key, repo);
      }
      return repo;
    },
    requests,
    count(route?: string): number {
      if (route === undefined) return requests.length;
      if (!known.has(route) && !/^[A-Z]+ \//.test(route))
        throw new Error(`github-emulator: count() takes "METHOD /template", got ${JSON.stringify(route)}`);
      return requests.filter((r) => r.route === route).length;
    },
    violations,
    assertNoViolations(): void {
      if (violations.length === 0) return;
      const list = violations.splice(0);
      throw new Error(
        `GitHub emulator: ${list.length} request(s) broke GitHub's OpenAPI description or the emulator:\n- ${list.join('\n- ')}`,
      );
    },
    resetTraffic(): void {
      requests.length = 0;
      violations.length = 0;
    },
    fault(route: string, fault: GitHubFault): void {
      if (!known.has(route))
        throw new Error(
          `github-emulator: fault() needs a served route ("METHOD /template"), got ${JSON.stringify(route)}`,
        );
      if (
        fault.status === undefined &&
        !fault.drop &&
        !fault.hang &&
        fault.latencyMs === undefined &&
        fault.holdUntil === undefined
      ) {
        throw new Error('github-emulator: a fault needs a status, drop, hang, latencyMs or holdUntil');
      }
      const times = fault.times ?? 1;
      if (fault.holdUntil !== undefined && times < fault.holdUntil)
        throw new Error('github-emulator: a barrier (holdUntil) needs times of at least holdUntil');
      faults.push({ ...fault, route, remaining: times, held: [] });
    },
    clearFaults(): void {
      faults = [];
    },
    onRequest(listener: RequestListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restrictToken(granted: TokenPermissions | null): void {
      permissions = granted === null ? null : { ...granted };
    },
    tokenActor(token: string, login: string): void {
      tokenActors.set(token, login);
    },
    rateLimit,
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const res of hung) res.destroy();
      hung.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
