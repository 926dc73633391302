/** Verbatim slice of normalized source between two offsets, without leading/trailing blank lines. */
export function sliceSource(source: string, start: number, end: number): string {
  return source
    .slice(start, end)
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/\s+$/, '');
}
