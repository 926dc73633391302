import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';

/**
 * Evaluates the `${{ … }}` expressions of an example workflow the way the runner does, with GitHub's own
 * expression engine (@actions/expressions): contexts as plain JSON, and the status functions (success(),
 * failure(), always(), cancelled()) that the runner provides.
 */

export interface ExpressionContext {
  github: Record<string, unknown>;
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  inputs: Record<string, string>;
  job: { status: 'success' | 'failure' | 'cancelled' };
}

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function statusFunctions(ctx: ExpressionContext): Map<string, FunctionDefinition> {
  const fn = (name: string, result: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(result()) },
  ];
  return new Map([
    fn('success', () => ctx.job.status === 'success'),
    fn('failure', () => ctx.job.status === 'failure'),
    fn('cancelled', () => ctx.job.status === 'cancelled'),
    fn('always', () => true),
  ]);
}

/** The value of one expression (the text between `${{` and `}}`). */
export function evaluate(expression: string, ctx: ExpressionContext): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const functions = statusFunctions(ctx);
  const parser = new Parser(
    lexed.tokens,
    Object.keys(ctx),
    [...functions.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs })),
  );
  const tree = parser.parse();
  const contexts = new data.Dictionary(...Object.entries(ctx).map(([key, value]) => ({ key, value: toData(value) })));
  return new Evaluator(tree, contexts, functions).evaluate();
}

function truthy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return (value as data.BooleanData).value;
    case data.Kind.Number:
      return (value as data.NumberData).value !== 0;
    case data.Kind.String:
      return (value as data.StringData).value !== '';
    default:
      return true;
  }
}

/** A `with:`/`env:` value: literal text with `${{ … }}` parts replaced by their string values. */
export function interpolate(value: string | number | boolean | null, ctx: ExpressionContext): string {
  if (typeof value !== 'string') return value === null ? '' : String(value);
  let out = '';
  let from = 0;
  for (;;) {
    const start = value.indexOf('${{', from);
    if (start < 0) return out + value.slice(from);
    const end = value.indexOf('}}', start + 3);
    if (end < 0) return out + value.slice(from);
    out += value.slice(from, start) + evaluate(value.slice(start + 3, end).trim(), ctx).coerceString();
    from = end + 2;
  }
}

/** A step's `if:`; without one a step runs only while the job is succeeding (an implicit success()). */
export function shouldRun(condition: string | number | boolean | null | undefined, ctx: ExpressionContext): boolean {
  if (condition === undefined || condition === null || condition === '') return ctx.job.status === 'success';
  const text = String(condition).trim();
  const expression = text.startsWith('${{') && text.endsWith('}}') ? text.slice(3, -2).trim() : text;
  // As on the runner: a condition without a status function is implicitly `success() && (…)`.
  const hasStatus = /\b(success|failure|always|cancelled)\(\)/.test(expression);
  return truthy(evaluate(hasStatus ? expression : `success() && (${expression})`, ctx));
}
