/**
 * The fast path's one door. The package (../index.ts) uses `tryFastPath` and the scanner's heading list; the rest is
 * exported for the tests in tests/unit/changelog, which import this file by path and check the parts against the
 * full parse.
 */

export { DefinitionIndex } from './definition-index';
export { tryFastPath, type FastPathAnswer } from './find-by-scan';
export { mayContainVersion, plainHeadingText } from './heading-text';
export { LaterDefinitions } from './later-definitions';
export {
  bracketLabels,
  definitionLabel,
  definitionsWithLabels,
  DocumentScanner,
  labelMatches,
  mayNameVersion,
  scanDocument,
  scannerWork,
  type ScannedDefinition,
  type ScannedDocument,
  type ScannedHeading,
} from './scan';
