/** The character codes the changelog scanners compare, and micromark's limit on a link label. */

export const TAB = 9;
export const LINE_FEED = 10;
export const SPACE = 32;
export const OPEN_BRACKET = 91;
export const BACKSLASH = 92;
export const CLOSE_BRACKET = 93;
export const CARET = 94;

/** micromark's limit on a link label's length. */
export const MAX_LABEL = 999;
