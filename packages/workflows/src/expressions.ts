/** `${{ … }}` expressions in workflow text, with their offsets so findings point at them. */

export interface Expression {
  /** The expression between `${{` and `}}`, trimmed. */
  body: string;
  /** Offset of `${{` in the text searched. */
  offset: number;
  /** Offset of the body's first character in the text searched. */
  bodyOffset: number;
}

export function expressionsIn(text: string): Expression[] {
  const found: Expression[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start < 0) return found;
    const end = text.indexOf('}}', start + 3);
    if (end < 0) return found;
    const inner = text.slice(start + 3, end);
    const lead = inner.length - inner.trimStart().length;
    found.push({ body: inner.trim(), offset: start, bodyOffset: start + 3 + lead });
    from = end + 2;
  }
}

export function isExpression(value: string): boolean {
  return value.includes('${{');
}

export interface StepOutputReference {
  step: string;
  output: string;
  /** Offset of `steps.` in the text searched. */
  offset: number;
}

/** `steps.<id>.outputs.<name>` (GitHub allows hyphens in both) in expression text. */
export function stepOutputReferences(text: string): StepOutputReference[] {
  return [...text.matchAll(/(?<![\w.-])steps\.([\w-]+)\.outputs\.([\w-]+)/g)].map((m) => ({
    step: m[1] ?? '',
    output: m[2] ?? '',
    offset: m.index,
  }));
}
