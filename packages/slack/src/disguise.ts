/**
 * Whether a link label disguises where the link goes. Slack shows only the label of `<url|label>`
 * (https://docs.slack.dev/messaging/formatting-message-text#linking-urls), so a label that reads as an address — a URL,
 * a host name, an IP address or a mail address — must name the link's own target. The label is judged as a reader
 * sees it, not as its code points spell it: invisible characters are removed and look-alike characters folded first.
 */

/**
 * Characters a reader does not see: format characters (zero-width space U+200B, joiners U+200C/U+200D, word joiner
 * U+2060, soft hyphen U+00AD, bidi controls U+202A–U+202E and U+2066–U+2069, the BOM) and every other default-ignorable
 * code point (variation selectors, Hangul fillers, tag characters).
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * Dots a reader takes for `.` that NFKC leaves alone (IDNA maps the first three to `.` in host names, UTS #46), and the
 * dot-like characters Unicode's confusables list maps to `.`: Arabic and Extended Arabic-Indic zero (U+0660,
 * U+06F0), Lisu letter tone mya ti (U+A4F8), runic single punctuation (U+16EB), Hangul araea (U+318D, U+119E),
 * Canadian syllabics final middle dot (U+1427), Arabic full stop (U+06D4), Syriac dots (U+0701, U+0702).
 */
const DOT_LOOKALIKES =
  /[\u3002\uFF61\u30FB\u00B7\u2027\u2219\u22C5\u0701\u0702\u2E31\u2E33\u0660\u06F0\uA4F8\u16EB\u318D\u119E\u1427\u06D4]/g;
/** Slashes NFKC leaves alone. */
const SLASH_LOOKALIKES = /[\u2044\u2215\u29F8]/g;

/**
 * Cyrillic and Greek letters drawn like Latin ones (the usual homograph set of Unicode's confusables list for
 * these scripts). Not exhaustive: any other non-ASCII letter still makes the label's host differ from an ASCII
 * target's, so the label is shown next to the real target anyway.
 */
const LATIN_LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ь: 'b',
  ԍ: 'g',
  ү: 'y',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ϲ: 'c',
  ϳ: 'j',
};

/**
 * The label as a reader sees it: NFKC (full-width and other compatibility forms), no invisible characters, Latin
 * look-alikes, ASCII dots, lower case.
 */
export function foldLabel(label: string): string {
  const plain = label
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(DOT_LOOKALIKES, '.')
    .replace(SLASH_LOOKALIKES, '/');
  let out = '';
  for (const ch of plain) out += LATIN_LOOKALIKES[ch] ?? ch;
  // Emphasis markers and the brackets and quotes around an address do not change what it reads as.
  return out.replace(/[*_~`]/g, '').trim();
}

/**
 * An address as a reader would take it from a label: a host (of a URL, a bare name or an IP address) or a mail address.
 */
type ShownAddress = { kind: 'host'; host: string } | { kind: 'mail'; address: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const HOST_PART = /^[\p{L}\p{N}-]+$/u;

/**
 * The host of `host[:port][/path…]` when it reads as one: dotted names ending in a letter label, or an IPv4 address.
 */
function hostOf(text: string): string | undefined {
  const authority = text.replace(SCHEME, '').split(/[/?#]/, 1)[0] ?? '';
  const host = authority
    .replace(/^[^@]*@/, '')
    .replace(/:\d*$/, '')
    .replace(/\.+$/, '');
  const parts = host.split('.');
  if (parts.length < 2 || !parts.every((p) => HOST_PART.test(p))) return undefined;
  const last = parts.at(-1) ?? '';
  const ipv4 = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p));
  if (!ipv4 && !/^\p{L}[\p{L}\p{N}-]*$/u.test(last)) return undefined;
  if (!ipv4 && last.length < 2) return undefined;
  return canonicalHost(host);
}

/** Host names compared as the URL parser writes them (punycode for non-ASCII), without `www.` and a trailing dot. */
function canonicalHost(host: string): string | undefined {
  try {
    return new URL(`https://${host}/`).hostname.replace(/\.$/, '').replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * Longer than any address a reader takes in at a glance (a URL is at most 2,048 characters in practice). Only this
 * much of a label, or of a word of it, is judged, which keeps every check linear in the label's length however long
 * it is (a link label may be most of 1 MB of notes).
 */
const MAX_ADDRESS = 2048;

const OPENERS = new Set(['<', '(', '[', '{', '"', "'", '«', '‹']);
const CLOSERS = new Set(['>', ')', ']', '}', '"', "'", '»', '›', ',', ';', ':', '!', '?']);

/**
 * `text` without the brackets, quotes and punctuation around it (a loop, not a regex: no backtracking on long runs).
 */
function unwrap(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && OPENERS.has(text[start] ?? '')) start++;
  while (end > start && CLOSERS.has(text[end - 1] ?? '')) end--;
  return text.slice(start, end);
}

/** What a whole token reads as: a mail address, a URL or a host name; undefined when it reads as neither. */
function addressIn(token: string): ShownAddress | undefined {
  const text = unwrap(token.slice(0, MAX_ADDRESS));
  const mail = /^(?:mailto:)?([^\s@/:]+)@([^\s@/]+)$/.exec(text);
  if (mail) {
    const host = hostOf(mail[2] ?? '');
    return host === undefined ? undefined : { kind: 'mail', address: `${mail[1] ?? ''}@${host}` };
  }
  if (/\s/.test(text)) return undefined;
  const host = hostOf(text);
  return host === undefined ? undefined : { kind: 'host', host };
}

/** Characters a URL is made of, after its scheme (RFC 3986's unreserved, reserved and `%`, and any letter). */
const URL_CHAR = /[\p{L}\p{N}\-._~:/?#@!$&*+,;=%]/u;
const SCHEME_CHAR = /[a-z0-9+.-]/;
const URLS_PER_WORD = 16;

/**
 * The URLs and `www.` hosts inside one word of a label (`x>https://good.example`), found by scanning, not by an
 * unanchored regex, so a word of any length is read once.
 */
function urlsInWord(word: string): string[] {
  const found: string[] = [];
  const take = (from: number): string => {
    let end = from;
    while (end < word.length && end - from < MAX_ADDRESS && URL_CHAR.test(word[end] ?? '')) end++;
    return word.slice(from, end);
  };
  // A word with more URLs than a reader could take in is judged by its first few (each scan is bounded, so is the
  // total).
  for (let at = word.indexOf('://'); at !== -1 && found.length < URLS_PER_WORD; at = word.indexOf('://', at + 3)) {
    let start = at;
    while (start > 0 && at - start < 32 && SCHEME_CHAR.test(word[start - 1] ?? '')) start--;
    if (start < at && /[a-z]/.test(word[start] ?? '')) found.push(take(start));
  }
  for (let at = word.indexOf('www.'); at !== -1 && found.length < 2 * URLS_PER_WORD; at = word.indexOf('www.', at + 4))
    found.push(take(at));
  return found;
}

/**
 * Every address the label shows: the label as a whole (spaces around dots ignored, as a reader joins
 * `good . example`), any URL or `www.` host inside it (`Sign in at https://good.example`, `x>https://good.example`),
 * and any word that is a mail address.
 */
function shownAddresses(label: string): ShownAddress[] {
  const folded = foldLabel(label);
  const found: ShownAddress[] = [];
  if (folded.length <= MAX_ADDRESS) {
    const whole = addressIn(folded.replace(/\s*\.\s*/g, '.').replace(/\s*@\s*/g, '@'));
    if (whole) found.push(whole);
  }
  for (const word of folded.split(/\s+/)) {
    for (const url of urlsInWord(word)) {
      const address = addressIn(url);
      if (address) found.push(address);
    }
    if (word.includes('@')) {
      const address = addressIn(word);
      if (address?.kind === 'mail') found.push(address);
    }
  }
  return found;
}

/** The target as a reader of the address would compare it: its host, and for mailto its address. */
function targetOf(target: string): { host: string | undefined; mail: string | undefined } {
  let url: URL;
  try {
    url = new URL(target.replace(/&amp;/g, '&'));
  } catch {
    return { host: undefined, mail: undefined };
  }
  if (url.protocol === 'mailto:') {
    const address = decodeURIComponent(url.pathname).split('?')[0]?.toLowerCase() ?? '';
    const at = address.lastIndexOf('@');
    const host = at === -1 ? undefined : canonicalHost(address.slice(at + 1));
    return { host, mail: host === undefined ? undefined : `${address.slice(0, at)}@${host}` };
  }
  return { host: url.hostname.replace(/\.$/, '').replace(/^www\./, ''), mail: undefined };
}

/**
 * True when the label shows an address that is not the target's: another host (however it is spelled), or a mail
 * address other than a mailto target's. A label that shows no address (`the docs`, `v1.2.3`) disguises nothing.
 */
export function disguisesTarget(label: string, target: string): boolean {
  const shown = shownAddresses(label);
  if (shown.length === 0) return false;
  const real = targetOf(target);
  return shown.some((address) =>
    address.kind === 'mail' ? address.address !== real.mail : address.host !== real.host,
  );
}
