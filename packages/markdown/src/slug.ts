/**
 * GitHub heading anchors: lower-case, drop punctuation (keeping letters, digits, marks, `-`, `_` and spaces),
 * spaces become `-`. Repeated slugs in one document get `-1`, `-2`, ... in document order.
 */
const STRIP = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

export function slugOnce(text: string): string {
  return text.toLowerCase().replace(STRIP, '').replace(/ /g, '-');
}

export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(text: string): string {
    const base = slugOnce(text);
    let result = base;
    let count = this.seen.get(base);
    if (count !== undefined) {
      do {
        count += 1;
        result = `${base}-${count}`;
      } while (this.seen.has(result));
      this.seen.set(base, count);
    }
    this.seen.set(result, 0);
    return result;
  }
}
