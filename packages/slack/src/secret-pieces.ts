/**
 * The pieces of a Slack secret that identify it on their own, so that each is masked and redacted, not only the whole
 * value. An endpoint (or a proxy in front of it) that answers with the request path (`Cannot POST /services/T…/B…/…`)
 * shows the webhook's secret without its scheme and host; and the WHATWG URL parser, which every HTTP client uses,
 * removes tabs and newlines from a URL (https://url.spec.whatwg.org/#concept-basic-url-parser, "remove all ASCII tab
 * or newline"), so the URL that is sent — and echoed — is not the string that was masked.
 */

/** Shorter pieces are not distinctive (`services`, a port) and masking them would blank unrelated log text. */
const MIN_PIECE = 8;

/** A webhook URL's pieces: the URL as given and as parsed, its path and query, and each long path segment. */
export function webhookSecretPieces(url: string): string[] {
  const pieces = new Set<string>([url]);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url.trim());
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    pieces.add(parsed.href);
    const path = `${parsed.pathname}${parsed.search}`;
    if (path.length >= MIN_PIECE) pieces.add(path);
    const services = /\/services\/(.+)$/.exec(parsed.pathname)?.[1];
    if (services !== undefined) pieces.add(services);
    for (const segment of parsed.pathname.split('/'))
      if (segment.length >= MIN_PIECE && segment !== 'services') pieces.add(segment);
    for (const value of parsed.searchParams.values()) if (value.length >= MIN_PIECE) pieces.add(value);
  }
  return [...pieces];
}

/** A bot token's pieces: the token and its body after `xoxb-` (the prefix alone says nothing). */
export function tokenSecretPieces(token: string): string[] {
  const body = /^xox[a-z]-(.+)$/.exec(token.trim())?.[1];
  return body !== undefined && body.length >= MIN_PIECE ? [token, body] : [token];
}

/**
 * `text` with every piece replaced by `***`, longest first (so a piece inside a longer one cannot leave half of it).
 */
export function redactPieces(text: string, pieces: readonly string[]): string {
  let out = text;
  for (const piece of [...pieces].filter((p) => p !== '').sort((a, b) => b.length - a.length))
    out = out.split(piece).join('***');
  return out;
}
