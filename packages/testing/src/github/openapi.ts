import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GitHub's OpenAPI description, as extracted into fixtures/github-openapi.json by scripts/extract-openapi.mjs:
 * route matching (emulated, unemulated and unknown routes) and request/response validation with ajv.
 * The fixture is parsed once per process and every validator is compiled once, on first use.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

interface OperationObject {
  summary?: string;
  operationId: string;
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema: JsonObject }> } | { $ref: string }>;
}

interface Fixture {
  openapi: string;
  info: { title: string; version: string };
  'x-extracted-from': { package: string; version: string };
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas?: Record<string, JsonObject>;
    parameters?: Record<string, ParameterObject>;
    [section: string]: unknown;
  };
  'x-github-routes': Record<string, string[]>;
}

export const FIXTURE_PATH = fileURLToPath(new URL('../../fixtures/github-openapi.json', import.meta.url));

let fixture: Fixture | undefined;
function loadFixture(): Fixture {
  fixture ??= JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Fixture;
  return fixture;
}

/** The @octokit/openapi version the fixture was extracted from. */
export function fixtureVersion(): string {
  return loadFixture()['x-extracted-from'].version;
}

/** Every "METHOD /template" the fixture describes in full, i.e. the operations the emulator serves. */
export function emulatedRoutes(): string[] {
  const routes: string[] = [];
  for (const [template, methods] of Object.entries(loadFixture().paths)) {
    for (const method of Object.keys(methods)) routes.push(`${method.toUpperCase()} ${template}`);
  }
  return routes;
}

// ---------------------------------------------------------------------------------------------------------------
// Route matching

interface CompiledTemplate {
  template: string;
  pattern: RegExp;
  names: string[];
  literals: number;
  methods: string[];
  emulated: Set<string>;
}

export type RouteMatch =
  | { kind: 'emulated'; route: string; template: string; method: string; params: Record<string, string> }
  | { kind: 'unemulated'; route: string }
  | { kind: 'wrong-method'; template: string; methods: string[] }
  | { kind: 'unknown' };

/**
 * Parameters that may span slashes: the description marks git refs and shas `x-multi-segment`; a file path is one
 * by nature. Routes outside the fixture carry no parameter details, so their trailing {path} and {ref} count too.
 */
function multiSegmentNames(template: string): Set<string> {
  const names = new Set<string>();
  for (const op of Object.values(loadFixture().paths[template] ?? {})) {
    for (const raw of op.parameters ?? []) {
      const parameter = resolveParameter(raw) as ParameterObject & { 'x-multi-segment'?: boolean };
      if (parameter.in === 'path' && (parameter['x-multi-segment'] === true || parameter.name === 'path'))
        names.add(parameter.name);
    }
  }
  if (!loadFixture().paths[template]) {
    const last = template.split('/').pop() ?? '';
    if (last === '{path}' || last === '{ref}') names.add(last.slice(1, -1));
  }
  return names;
}

let templates: CompiledTemplate[] | undefined;
function compiledTemplates(): CompiledTemplate[] {
  if (templates) return templates;
  const doc = loadFixture();
  templates = Object.entries(doc['x-github-routes']).map(([template, methods]) => {
    const multi = multiSegmentNames(template);
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1] as string);
        return multi.has(param[1] as string) ? '(.+?)' : '([^/]+)';
      })
      .join('/');
    return {
      template,
      pattern: new RegExp(`^${source}$`),
      names,
      literals: template.split('/').filter((s) => s !== '' && !s.startsWith('{')).length,
      methods,
      emulated: new Set(Object.keys(doc.paths[template] ?? {}).map((m) => m.toUpperCase())),
    };
  });
  // More literal segments first: /releases/latest beats /releases/{release_id}, /commits/{ref}/status beats
  // /commits/{ref}.
  templates.sort((a, b) => b.literals - a.literals || a.names.length - b.names.length);
  return templates;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Matches a method and a path (without query, without the base path) against GitHub's routes. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  // GitHub lists the repository root when the contents path is omitted (documented on the endpoint); the OpenAPI
  // template cannot say so, since `{path}` is a required path parameter.
  const root = /^\/repos\/([^/]+)\/([^/]+)\/contents$/.exec(path);
  if (root && method === 'GET') {
    const [owner, repo] = [decodeSegment(root[1] as string), decodeSegment(root[2] as string)];
    if (owner !== undefined && repo !== undefined) {
      const template = '/repos/{owner}/{repo}/contents/{path}';
      return { kind: 'emulated', route: `GET ${template}`, template, method, params: { owner, repo, path: '' } };
    }
  }
  let wrongMethod: { template: string; methods: string[] } | undefined;
  for (const template of compiledTemplates()) {
    const found = template.pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    let decoded = true;
    template.names.forEach((name, index) => {
      const value = decodeSegment(found[index + 1] as string);
      if (value === undefined) decoded = false;
      else params[name] = value;
    });
    if (!decoded) continue;
    if (!template.methods.includes(method)) {
      wrongMethod ??= { template: template.template, methods: template.methods };
      continue;
    }
    const route = `${method} ${template.template}`;
    if (template.emulated.has(method)) return { kind: 'emulated', route, template: template.template, method, params };
    return { kind: 'unemulated', route };
  }
  return wrongMethod ? { kind: 'wrong-method', ...wrongMethod } : { kind: 'unknown' };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

/**
 * OpenAPI 3.0 schemas are not quite JSON Schema: `nullable: true` becomes a `null` type (or an anyOf with null
 * when the schema has no `type`), and `$ref`s point into the shared component document registered as `github`.
 */
function toJsonSchema(value: Json): Json {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof child === 'string') out[key] = child.startsWith('#/') ? `github${child}` : child;
    else if (key === 'properties' && child && typeof child === 'object' && !Array.isArray(child)) {
      out[key] = Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, toJsonSchema(schema)]));
    } else out[key] = toJsonSchema(child);
  }
  if (value.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

let ajv: Ajv | undefined;
function validatorFactory(): Ajv {
  if (ajv) return ajv;
  const doc = loadFixture();
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: false });
  addFormats(ajv);
  // Formats OpenAPI documents but JSON Schema does not define: sizes of integers are not checked.
  ajv.addFormat('int32', true);
  ajv.addFormat('int64', true);
  // `owner/name` (POST …/pulls `head_repo`): the shape is checked, as GitHub would refuse anything else.
  ajv.addFormat('repo.nwo', /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
  ajv.addSchema({ $id: 'github', components: toJsonSchema(doc.components as unknown as Json) } as JsonObject, 'github');
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();
function compile(key: string, schema: JsonObject): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = validatorFactory().compile(toJsonSchema(schema) as JsonObject);
    compiled.set(key, validate);
  }
  return validate;
}

function operation(route: string): OperationObject {
  const [method, template] = route.split(' ') as [string, string];
  const op = loadFixture().paths[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`github-emulator: ${route} is not in the fixture`);
  return op;
}

function resolveParameter(parameter: ParameterObject | { $ref: string }): ParameterObject {
  if ('$ref' in parameter) {
    const name = parameter.$ref.split('/').pop() as string;
    const resolved = loadFixture().components.parameters?.[name];
    if (!resolved) throw new Error(`github-emulator: dangling parameter ${parameter.$ref}`);
    return resolved;
  }
  return parameter;
}

function describeErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((error) => {
    const at = `${where}${error.instancePath}`;
    if (error.keyword === 'required') return `${at}: "${String(error.params.missingProperty)}" wasn't supplied`;
    if (error.keyword === 'enum') return `${at}: must be one of ${JSON.stringify(error.params.allowedValues)}`;
    return `${at}: ${error.message ?? 'is invalid'}`;
  });
}

/** A query or path parameter's text, converted to the type its schema declares (as GitHub's router does). */
function coerce(text: string, schema: JsonObject | undefined): Json {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (type === 'array') return text.split(',');
  return text;
}

function withoutFormat(schema: JsonObject): JsonObject {
  const { format: _format, ...rest } = schema;
  return rest;
}

/** The declared default of a query parameter (per_page is 30 on most routes, 10 for variables). */
export function queryDefault(route: string, name: string): Json | undefined {
  for (const raw of operation(route).parameters ?? []) {
    const parameter = resolveParameter(raw);
    if (parameter.in === 'query' && parameter.name === name) return parameter.schema?.default;
  }
  return undefined;
}

export interface RequestProblems {
  /** Path parameters that do not match their schema: GitHub answers 404. */
  path: string[];
  /** Missing or invalid query parameters: GitHub answers 422. */
  query: string[];
  /** A missing or invalid body: GitHub answers 422 (400 for unparseable JSON). */
  body: string[];
  /** Parameters converted to their declared types. */
  params: Record<string, Json>;
  queryValues: Record<string, Json>;
}

export function validateRequest(
  route: string,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  body: { present: boolean; value: unknown; parseError?: string },
): RequestProblems {
  const op = operation(route);
  const problems: RequestProblems = { path: [], query: [], body: [], params: {}, queryValues: {} };
  (op.parameters ?? []).forEach((raw, index) => {
    const parameter = resolveParameter(raw);
    if (parameter.in !== 'path' && parameter.in !== 'query') return;
    const text = parameter.in === 'path' ? pathParams[parameter.name] : (query.get(parameter.name) ?? undefined);
    const bucket = parameter.in === 'path' ? problems.path : problems.query;
    if (text === undefined) {
      if (parameter.required) bucket.push(`${parameter.in} parameter "${parameter.name}" wasn't supplied`);
      return;
    }
    const value = coerce(text, parameter.schema);
    if (parameter.schema) {
      // Query formats are not checked: GitHub documents `created` as a date-time yet accepts ranges (>=2026-01-01).
      const schema = parameter.in === 'query' ? withoutFormat(parameter.schema) : parameter.schema;
      const validate = compile(`${route}#parameter${index}`, schema);
      if (!validate(value))
        bucket.push(
          ...describeErrors(validate.errors, `${parameter.in} parameter "${parameter.name}"`).map(
            (p) => `${p} (got ${JSON.stringify(text)})`,
          ),
        );
    }
    if (parameter.in === 'path') problems.params[parameter.name] = value;
    else problems.queryValues[parameter.name] = value;
  });
  const requestBody = op.requestBody;
  if (requestBody) {
    const schema = requestBody.content['application/json']?.schema;
    if (body.parseError) problems.body.push(`body: ${body.parseError}`);
    else if (!body.present) {
      if (requestBody.required) problems.body.push('body: a JSON body is required');
    } else if (schema) {
      const validate = compile(`${route}#body`, schema);
      if (!validate(body.value)) problems.body.push(...describeErrors(validate.errors, 'body'));
    }
  }
  return problems;
}

/**
 * Checks a response body against the description's schema for that route and status (the emulator's own answers
 * are checked by the test suite, and at runtime with `validateResponses: true`). An empty list means it conforms.
 */
export function validateResponse(
  route: string,
  status: number,
  body: unknown,
  contentType = 'application/json',
): string[] {
  const op = operation(route);
  const response = op.responses[String(status)];
  if (!response)
    return status >= 200 && status < 300 ? [`status ${status} is not a documented success of ${route}`] : [];
  if ('$ref' in response) return [];
  const isJson = contentType === 'application/json' || contentType.endsWith('+json');
  const schema =
    response.content?.[contentType]?.schema ?? (isJson ? response.content?.['application/json']?.schema : undefined);
  // Raw media types (application/vnd.github.raw) are documented by the Accept header, not by a schema.
  if (!schema) return !isJson || body === undefined || body === '' ? [] : [`${route} ${status} documents no body`];
  const validate = compile(`${route}#response${status}`, schema);
  return validate(body) ? [] : describeErrors(validate.errors, `response ${status}`);
}

/** The documentation URL GitHub puts in error bodies. */
export const DOCUMENTATION_URL = 'https://docs.github.com/rest';
