/**
 * The changelog as lines with their own line breaks, so a rewrite keeps every byte it does not mean to change: CRLF,
 * a lone CR, a BOM, a missing final newline. normalizeMarkdown turns each of those breaks into one `\n`, so line
 * `n` here is line `n` of the parsed (normalized) text, and the parser's line numbers address these lines.
 */
export class SourceLines {
  private readonly bom: string;
  private readonly texts: string[] = [];
  private readonly breaks: string[] = [];
  /** The break new lines are written with: the file's first one (a file without any gets `\n`). */
  readonly newline: string;
  private readonly inserted = new Map<number, string[]>();
  private readonly replaced = new Map<number, string>();

  constructor(text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const body = text.slice(this.bom.length);
    const breaks = /\r\n|\r|\n/g;
    let from = 0;
    for (let match = breaks.exec(body); match; match = breaks.exec(body)) {
      this.texts.push(body.slice(from, match.index));
      this.breaks.push(match[0]);
      from = match.index + match[0].length;
    }
    this.texts.push(body.slice(from));
    this.breaks.push('');
    this.newline = this.breaks[0] === '' ? '\n' : (this.breaks[0] ?? '\n');
  }

  /** The text of 1-based line `line`, without its break. */
  line(line: number): string {
    return this.texts[line - 1] ?? '';
  }

  /** Lines to insert before 1-based line `line` (`count + 1` appends after the last line). */
  insertBefore(line: number, lines: readonly string[]): void {
    this.inserted.set(line, [...(this.inserted.get(line) ?? []), ...lines]);
  }

  /** New text for 1-based line `line`; its line break is kept. */
  replace(line: number, text: string): void {
    this.replaced.set(line, text);
  }

  /** The text with the edits: inserted lines take the file's line break; the last line keeps its own (or none). */
  toString(): string {
    const out: string[] = [this.bom];
    const count = this.texts.length;
    for (let line = 1; line <= count + 1; line++) {
      const before = this.inserted.get(line) ?? [];
      if (line === count + 1) {
        // Appended after the last line: that line gets a break, the appended text ends as the file ended.
        if (before.length > 0) out.push(this.newline, before.join(this.newline));
        break;
      }
      for (const text of before) out.push(text, this.newline);
      out.push(this.replaced.get(line) ?? this.texts[line - 1] ?? '', this.breaks[line - 1] ?? '');
    }
    return out.join('');
  }
}
