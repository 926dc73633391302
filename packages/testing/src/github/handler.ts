import type * as shape from './shapes';
import type { EmulatedRepository } from './state';

/** One emulated route's signature: its own file, so the authoring helpers and the handlers import it alike. */
export interface HandlerRequest {
  repo: EmulatedRepository;
  /** Path parameters, converted to their declared types. */
  params: Record<string, unknown>;
  /** Declared query parameters, converted to their declared types. */
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  accept: string;
  /** Login of the token's user (github-actions[bot] by default). */
  actor: string;
  /** Whether the token may see drafts (push access: contents write, or an unrestricted token). */
  pushAccess: boolean;
  shape: shape.ShapeContext;
  now(): string;
}

export type Answer =
  /** `pages`: the body holds one page of a list the handler sliced itself; the server adds the Link header. */
  | { status: number; body?: unknown; pages?: { page: number; last: number } }
  | { status: 200; raw: string; contentType: string }
  /** A list answer: the server slices a page and adds Link; `wrap` names the array in an object with total_count. */
  | { status: 200; list: unknown[]; wrap?: string };

export type Handler = (request: HandlerRequest) => Answer;
