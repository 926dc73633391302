/**
 * A release date written the way the file's latest heading writes its own: `2026-03-02`, `2026/03/02`,
 * `March 2, 2026`, `Mar. 2nd, 2026`, `02 Mar 2026`. The date given is ISO (`YYYY-MM-DD`, the caller's clock).
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)([a-z]*)(\\.?)';
const NUMERIC = /(?<!\d)(\d{4})([-/.])(\d{2})\2(\d{2})(?!\d)/;
const MONTH_FIRST = new RegExp(`\\b${MONTH} (\\d{1,2})(st|nd|rd|th)?(,?) (\\d{4})\\b`, 'i');
const DAY_FIRST = new RegExp(`\\b(\\d{1,2}) ${MONTH} (\\d{4})\\b`, 'i');

/** Where a heading writes its date, and how to write another date the same way. */
export interface DateStyle {
  /** Offset and length of the date in the text it was found in. */
  index: number;
  length: number;
  format(iso: string): string;
}

const ordinal = (day: number): string => {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
};

/** The month's name the way `written` spells its own: abbreviated or whole, with its dot, in its letter case. */
function monthLike(written: { stem: string; rest: string; dot: string }, month: number): string {
  const name = MONTHS[month - 1] ?? '';
  // `May` is both the abbreviation and the name: whole unless dotted, since whole names are the more common.
  const whole = written.rest !== '' || (written.stem.toLowerCase() === 'may' && written.dot === '');
  const word = whole ? name : name.slice(0, 3);
  const sample = written.stem + written.rest;
  const cased =
    sample === sample.toUpperCase() ? word.toUpperCase() : sample === sample.toLowerCase() ? word.toLowerCase() : word;
  return `${cased}${whole ? '' : written.dot}`;
}

function parts(iso: string): { year: string; month: number; day: number } {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { year, month: Number(month), day: Number(day) };
}

/** The date in `text` and how it is written, or undefined when the text names no date. */
export function dateStyleOf(text: string): DateStyle | undefined {
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const separator = numeric[2] ?? '-';
    return {
      index: numeric.index,
      length: numeric[0].length,
      format: (iso) => iso.split('-').join(separator),
    };
  }
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const [, stem = '', rest = '', dot = '', day = '', suffix, comma = ''] = monthFirst;
    return {
      index: monthFirst.index,
      length: monthFirst[0].length,
      format: (iso) => {
        const date = parts(iso);
        const dayText = day.length === 2 && day.startsWith('0') ? String(date.day).padStart(2, '0') : String(date.day);
        const month = monthLike({ stem, rest, dot }, date.month);
        return `${month} ${dayText}${suffix === undefined ? '' : ordinal(date.day)}${comma} ${date.year}`;
      },
    };
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, day = '', stem = '', rest = '', dot = ''] = dayFirst;
    return {
      index: dayFirst.index,
      length: dayFirst[0].length,
      format: (iso) => {
        const date = parts(iso);
        const dayText = day.length === 2 ? String(date.day).padStart(2, '0') : String(date.day);
        return `${dayText} ${monthLike({ stem, rest, dot }, date.month)} ${date.year}`;
      },
    };
  }
  return undefined;
}

/** Whether `date` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const { year, month, day } = parts(date);
  const check = new Date(Date.UTC(Number(year), month - 1, day));
  return check.getUTCFullYear() === Number(year) && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}
