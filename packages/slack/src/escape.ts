/**
 * Slack's mrkdwn treats `<…>` as control sequences (`<!channel>`, `<@U123>`, `<!subteam^S1>`, `<url|text>`)
 * and decodes `&amp;`, `&lt;`, `&gt;`. Escaping exactly these three characters in every piece of untrusted
 * text is what Slack documents, and it is enough: without a raw `<` no mention, broadcast or link can start.
 */
export function escapeMrkdwn(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text for plain_text objects (headers, button labels). Slack does not parse plain_text for mentions or
 * links, but the same text also lands in notifications and previews, so angle brackets become look-alike
 * quotation marks and the text can never read as a control sequence anywhere it is copied.
 */
export function plainText(text: string): string {
  return (
    text
      .replace(/</g, '‹')
      .replace(/>/g, '›')
      // eslint-disable-next-line no-control-regex -- control characters have no place in a header
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * A URL fit for `<url|text>`: only http(s) and mailto, parsed by WHATWG URL (so it is normalised and
 * percent-encoded), with the characters that would end the link (`|`, `>`) or open a new control sequence
 * (`<`) percent-encoded and `&` written as `&amp;` as Slack requires. Anything else returns undefined.
 */
export function safeLinkUrl(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > 3000) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return undefined;
  return url.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/** `<url|label>` with the label escaped, or the escaped label alone when the URL is not safe to link. */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safe = url === undefined ? undefined : safeLinkUrl(url);
  const text = escapeMrkdwn(label);
  if (safe === undefined) return text;
  return text === '' ? `<${safe}>` : `<${safe}|${text}>`;
}

/** Mentions accepted from inputs, in the forms Slack documents. */
const MENTION_FORMS: { pattern: RegExp; canonical: (m: RegExpExecArray) => string }[] = [
  { pattern: /^(?:@|<!)?(here|channel|everyone)>?$/, canonical: (m) => `<!${m[1]}>` },
  { pattern: /^<!subteam\^([A-Z0-9]{2,32})(?:\|@?[\w.-]{1,80})?>$/, canonical: (m) => `<!subteam^${m[1]}>` },
  { pattern: /^<@([UW][A-Z0-9]{2,32})>$/, canonical: (m) => `<@${m[1]}>` },
  { pattern: /^([UW][A-Z0-9]{6,32})$/, canonical: (m) => `<@${m[1]}>` },
  { pattern: /^(S[A-Z0-9]{6,32})$/, canonical: (m) => `<!subteam^${m[1]}>` },
];

/**
 * Parses a `mention` input: space- or comma-separated mentions, each `here`, `channel`, `everyone`,
 * `<!subteam^ID>`, `<@U…>` (or a bare user/group ID). Returns the canonical mrkdwn forms, or the first
 * token that is not a mention so the caller can report it.
 */
export function parseMentions(value: string): { mentions: string[]; invalid?: string } {
  const mentions: string[] = [];
  for (const token of value.split(/[\s,]+/).filter((t) => t !== '')) {
    const form = MENTION_FORMS.map((f) => ({ f, m: f.pattern.exec(token) })).find((x) => x.m !== null);
    if (!form || !form.m) return { mentions, invalid: token };
    const canonical = form.f.canonical(form.m);
    if (!mentions.includes(canonical)) mentions.push(canonical);
  }
  return { mentions };
}
