import { LaterDefinitions } from './later-definitions';
import { definitionsWithLabels, type DocumentScanner, type ScannedDefinition } from './scan';

/**
 * The link reference definitions of a whole document while the scanner has read only part of it: the ones it has
 * read, and the later ones found by `LaterDefinitions` without reading the lines in between. When those cannot be
 * found that way, the scanner reads on to the end (and its answer is exact).
 */
export class DefinitionIndex {
  private later: LaterDefinitions | undefined;

  constructor(private readonly scanner: DocumentScanner) {}

  /** The definitions whose labels normalize to one of `keys`, in document order; `undefined`: the scanner is unsure. */
  withLabels(keys: ReadonlySet<string>): ScannedDefinition[] | undefined {
    const { scanner } = this;
    const { source } = scanner;
    if (scanner.state === 'unsure') return undefined;
    const read = definitionsWithLabels(source, scanner.definitions, keys);
    if (scanner.state === 'done' || keys.size === 0) return read;
    if (scanner.atTopLevel) {
      this.later ??= new LaterDefinitions(source, scanner.position);
      const rest = this.later.find(scanner.position, keys);
      if (rest) return rest.length > 0 ? [...read, ...rest] : read;
    }
    return scanner.scanToEnd() ? definitionsWithLabels(source, scanner.definitions, keys) : undefined;
  }

  /** Whether a normalized label is defined anywhere; `undefined`: the scanner is unsure. */
  isDefined(key: string): boolean | undefined {
    const found = this.withLabels(new Set([key]));
    return found && found.length > 0;
  }
}
