import { ApiError } from '@shipshape/kit';

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

/** HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as RequestErrorLike | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's `errors[].code` values (e.g. `already_exists`) from a 422 response. */
export function validationCodes(error: unknown): string[] {
  const data = (error as RequestErrorLike | null)?.response?.data as { errors?: { code?: string }[] } | undefined;
  return (data?.errors ?? []).map((e) => e.code ?? '').filter(Boolean);
}

const PERMISSION_HINT: Record<number, string> = {
  401: 'the token is invalid or expired',
  403: "the token lacks a permission this call needs (check the workflow's `permissions:` block)",
  404: 'not found, or the token cannot see it (private repository without `contents: read`?)',
};

/**
 * Turns an Octokit failure into an ApiError that names the call, so the step's one-line failure says
 * which request failed and what to do, instead of printing a stack trace.
 */
export function toApiError(call: string, error: unknown, permission?: string): ApiError {
  // Octokit reports a request that got no answer (dropped connection, timeout) as status 500 without a response:
  // saying "HTTP 500" would send the reader looking for a server error that never happened.
  const answered = (error as RequestErrorLike | null)?.response !== undefined;
  const status = answered ? statusOf(error) : undefined;
  const raw = (error as RequestErrorLike | null)?.message ?? String(error);
  let detail = raw.split('\n')[0] ?? raw;
  if (!answered && statusOf(error) !== undefined) detail = `no answer from GitHub (${detail})`;
  const hint = status === undefined ? undefined : PERMISSION_HINT[status];
  if (hint) detail += ` — ${hint}`;
  if (permission && (status === 403 || status === 404)) detail += `; this call needs \`${permission}\``;
  return new ApiError(call, status, detail, { cause: error });
}
