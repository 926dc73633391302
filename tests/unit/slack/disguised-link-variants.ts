/**
 * The disguised-link variants (issue 15, item 5) as a table, shared by the renderer's unit test
 * (tests/unit/slack/disguised-links.test.ts) and the security suite run through the committed bundle.
 */

export interface DisguiseVariant {
  name: string;
  markdown: string;
  /** The target as the renderer writes it (WHATWG-normalised). */
  target: string;
}

export const EVIL = 'https://evil.example/';

export const DISGUISED: DisguiseVariant[] = [
  { name: 'a URL label', markdown: '[https://good.example](https://evil.example)', target: EVIL },
  { name: 'a bare host label', markdown: '[good.example](https://evil.example)', target: EVIL },
  {
    name: 'an emphasised www host',
    markdown: '[*www.good.example*](https://evil.example/login)',
    target: 'https://evil.example/login',
  },
  {
    name: 'a URL label with a path and query',
    markdown: '[https://good.example/login?next=/](https://evil.example)',
    target: EVIL,
  },
  { name: 'an upper-case host', markdown: '[GOOD.EXAMPLE](https://evil.example)', target: EVIL },
  {
    name: 'the label host as a subdomain of the target',
    markdown: '[good.example](https://good.example.evil.example)',
    target: 'https://good.example.evil.example/',
  },
  { name: 'full-width letters', markdown: '[ｇｏｏｄ.example](https://evil.example)', target: EVIL },
  { name: 'a zero-width space inside the label', markdown: '[good\u200B.example](https://evil.example)', target: EVIL },
  {
    name: 'a zero-width joiner inside the label',
    markdown: '[go\u200Dod.example](https://evil.example)',
    target: EVIL,
  },
  { name: 'a word joiner inside the label', markdown: '[good.\u2060example](https://evil.example)', target: EVIL },
  { name: 'a soft hyphen inside the label', markdown: '[go\u00ADod.example](https://evil.example)', target: EVIL },
  { name: 'a Cyrillic і in the label', markdown: '[g\u0456thub.com](https://evil.example)', target: EVIL },
  {
    name: 'a Cyrillic homograph label linking to that homograph',
    markdown: '[g\u0456thub.com](https://g\u0456thub.com/login)',
    target: 'https://xn--gthub-n2e.com/login',
  },
  { name: 'an ideographic full stop for the dot', markdown: '[good\u3002example](https://evil.example)', target: EVIL },
  { name: 'a trailing dot', markdown: '[good.example.](https://evil.example)', target: EVIL },
  {
    name: 'a Arabic-Indic zero (U+0660) for the dot',
    markdown: '[github\u0660com](https://evil.example)',
    target: EVIL,
  },
  {
    name: 'a Extended Arabic-Indic zero (U+06F0) for the dot',
    markdown: '[github\u06F0com](https://evil.example)',
    target: EVIL,
  },
  {
    name: 'a Lisu tone mya ti (U+A4F8) for the dot',
    markdown: '[github\uA4F8com](https://evil.example)',
    target: EVIL,
  },
  {
    name: 'a runic single punctuation (U+16EB) for the dot',
    markdown: '[github\u16EBcom](https://evil.example)',
    target: EVIL,
  },
  { name: 'a Hangul araea (U+318D) for the dot', markdown: '[github\u318Dcom](https://evil.example)', target: EVIL },
  {
    name: 'a Canadian syllabics final middle dot (U+1427) for the dot',
    markdown: '[github\u1427com](https://evil.example)',
    target: EVIL,
  },
  { name: 'spaces around the dot', markdown: '[good . example](https://evil.example)', target: EVIL },
  { name: 'an autolink nested in the label', markdown: '[<https://good.example>](https://evil.example)', target: EVIL },
  {
    name: 'mailto: with another address as the label',
    markdown: '[security@good.example](mailto:attacker@evil.example)',
    target: 'mailto:attacker@evil.example',
  },
  {
    name: 'a URL inside a sentence of the label',
    markdown: '[Sign in at https://good.example today](https://evil.example)',
    target: EVIL,
  },
  { name: 'an IPv4 address label', markdown: '[10.0.0.1](https://evil.example)', target: EVIL },
  {
    name: 'a right-to-left override reversing the label',
    markdown: '[\u202Eelpmaxe.doog](https://evil.example)',
    target: EVIL,
  },
];

export const HONEST: DisguiseVariant[] = [
  { name: 'plain words', markdown: '[the docs](https://evil.example)', target: EVIL },
  {
    name: 'the same host with a path',
    markdown: '[github.com/acme/shop](https://github.com/acme/shop/pull/42)',
    target: 'https://github.com/acme/shop/pull/42',
  },
  {
    name: 'www. of the same host',
    markdown: '[www.good.example](https://good.example/x)',
    target: 'https://good.example/x',
  },
  {
    name: 'the same mail address',
    markdown: '[security@good.example](mailto:security@good.example)',
    target: 'mailto:security@good.example',
  },
  {
    name: 'a version number',
    markdown: '[v1.2.3](https://github.com/acme/shop/releases/tag/v1.2.3)',
    target: 'https://github.com/acme/shop/releases/tag/v1.2.3',
  },
  {
    name: 'a sentence ending with a dot',
    markdown: '[Read the guide. It helps](https://docs.example/guide)',
    target: 'https://docs.example/guide',
  },
];

/** Every `<…>` link sequence in mrkdwn: its target and label (undefined for a bare link). */
export function linksIn(mrkdwn: string): { target: string; label: string | undefined }[] {
  return [...mrkdwn.matchAll(/<([^<>|]+)(?:\|([^<>]*))?>/g)].map((m) => ({ target: m[1] ?? '', label: m[2] }));
}
