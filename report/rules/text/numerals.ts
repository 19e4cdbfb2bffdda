/**
 * Numbers as Chinese prose writes them: Arabic (half- or full-width, normalised before) and Chinese numerals
 * (四, 十一, 二十三, 一百零五, 两, 三万二千). Strict: a run that is not a well-formed numeral (十四五, 二〇二一) is no number.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const TEN_THOUSAND = '万';

/** The characters a Chinese numeral is made of (for regex classes). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** Parses a Chinese numeral; undefined when the text is not one well-formed numeral. */
export function parseChineseNumeral(s: string): number | undefined {
  if (s.length === 0) return undefined;
  let result = 0;
  let section = 0;
  let pending: number | null = null;
  let lastUnit = Infinity;
  let sawWan = false;
  for (const ch of s) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      // Two digits in a row are no numeral (十四五, 二〇二一), except after 零 (一百零五).
      if (pending !== null && pending !== 0) return undefined;
      pending = digit;
      continue;
    }
    const unit = SMALL_UNITS[ch];
    if (unit !== undefined) {
      if (unit >= lastUnit || pending === 0) return undefined;
      // A bare 十 counts one ten (十一), only at the start of a section; a bare 百/千 is no numeral.
      const n = pending ?? (unit === 10 && section === 0 ? 1 : undefined);
      if (n === undefined) return undefined;
      section += n * unit;
      pending = null;
      lastUnit = unit;
      continue;
    }
    if (ch === TEN_THOUSAND) {
      if (sawWan || (section === 0 && !pending)) return undefined;
      result += (section + (pending ?? 0)) * 10_000;
      section = 0;
      pending = null;
      lastUnit = Infinity;
      sawWan = true;
      continue;
    }
    return undefined;
  }
  return result + section + (pending ?? 0);
}

/** Parses a percentage written in words after 百分之: 五十, 三十三点三. */
export function parseChinesePercent(s: string): { value: number; decimals: number } | undefined {
  const dot = s.indexOf('点');
  const whole = parseChineseNumeral(dot < 0 ? s : s.slice(0, dot));
  if (whole === undefined) return undefined;
  if (dot < 0) return { value: whole, decimals: 0 };
  let frac = '';
  for (const ch of s.slice(dot + 1)) {
    const d = DIGITS[ch];
    if (d === undefined) return undefined;
    frac += String(d);
  }
  if (frac === '') return undefined;
  return { value: Number(`${whole}.${frac}`), decimals: frac.length };
}

/** Parses an Arabic count (digits, optionally with thousands separators) or a Chinese numeral. */
export function parseCount(s: string): number | undefined {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const n = Number(s.replace(/,/g, ''));
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return parseChineseNumeral(s);
}
