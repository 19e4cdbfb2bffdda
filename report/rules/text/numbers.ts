/**
 * Finds counted numbers in normalised prose with one pass over the characters (a regex with look-behind was the
 * slowest part of reading the prose): a run of digits (1,234 with thousands separators) or Chinese numerals,
 * then optionally 余/多, then a unit.
 */
import { CHINESE_NUMERAL_CHARS, parseCount } from './numerals';
import { spanCursor, type Segment, type Span } from './prose';
import { APPROXIMATE_AFTER, APPROXIMATE_BEFORE, COUNT_UNITS, NOT_AFTER, NOT_BEFORE } from './phrases';

export interface NumberToken extends Span {
  readonly value: number;
  readonly unit: string;
  /** 约100件, 100余件: not held against a cell. */
  readonly approximate: boolean;
  /** The clause segment (./prose) it is in. */
  readonly segment: number;
}

const DIGIT = 1;
const NUMERAL = 2;
const UNIT = 4;
const STOP_BEFORE = 8;
const STOP_AFTER = 16;
const APPROX_AFTER = 32;
const SPACE = 64;
/** The last character of a word of APPROXIMATE_BEFORE (约, 超过, 不足…): only then are the words compared. */
const APPROX_BEFORE_END = 128;

const CLASS = new Uint8Array(0x10000);
const mark = (chars: string, bit: number) => {
  for (const ch of chars) CLASS[ch.charCodeAt(0)] = CLASS[ch.charCodeAt(0)]! | bit;
};
mark('0123456789', DIGIT);
mark(CHINESE_NUMERAL_CHARS, NUMERAL);
mark(COUNT_UNITS, UNIT);
mark(NOT_AFTER, STOP_BEFORE);
mark(NOT_BEFORE, STOP_AFTER);
mark(APPROXIMATE_AFTER, APPROX_AFTER);
mark(' \t\u00a0\u3000', SPACE);
mark(APPROXIMATE_BEFORE.map((w) => w[w.length - 1]!).join(''), APPROX_BEFORE_END);

const cls = (s: string, i: number): number => (i >= 0 && i < s.length ? CLASS[s.charCodeAt(i)]! : 0);

/** Where a run of digits ends, taking 1,234,567 as one number (a leading group of at most 3 digits). */
function digitsEnd(s: string, i: number): number {
  let j = i;
  while (cls(s, j) & DIGIT) j++;
  if (j - i > 3) return j;
  while (
    s.charCodeAt(j) === 44 /* , */ &&
    cls(s, j + 1) & cls(s, j + 2) & cls(s, j + 3) & DIGIT &&
    !(cls(s, j + 4) & DIGIT)
  )
    j += 4;
  return j;
}

function approximateBefore(s: string, start: number): boolean {
  if (!(cls(s, start - 1) & APPROX_BEFORE_END)) return false;
  for (const w of APPROXIMATE_BEFORE) if (s.startsWith(w, start - w.length)) return true;
  return false;
}

/** The value of a run of ASCII digits (thousands separators skipped) short enough to be exact; else parseCount. */
function digitsValue(s: string, start: number, end: number): number | undefined {
  if (end - start > 15) return parseCount(s.slice(start, end));
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c !== 44) v = v * 10 + (c - 48);
  }
  return v;
}

/**
 * The counted numbers of normalised text, each with its clause segment; with `only`, just those in the segments it
 * lists (in order): a number never spans two clauses, and what is read around it is read in the whole text.
 */
export function findNumbers(s: string, segments: readonly Segment[], only?: readonly number[]): NumberToken[] {
  const out: NumberToken[] = [];
  if (only) {
    for (const k of only) scan(s, segments[k]!.start, segments[k]!.end, () => k, out);
    return out;
  }
  scan(s, 0, s.length, spanCursor(segments), out);
  return out;
}

function scan(s: string, from: number, to: number, segmentOf: (pos: number) => number, out: NumberToken[]): void {
  const n = to;
  let i = from;
  while (i < n) {
    const c = CLASS[s.charCodeAt(i)]!;
    if (!(c & (DIGIT | NUMERAL))) {
      i++;
      continue;
    }
    const start = i;
    let end = start;
    if (c & DIGIT) end = digitsEnd(s, start);
    else while (cls(s, end) & NUMERAL) end++;
    i = end;
    // Part of something longer (3.5件, 第一次) is no count.
    const before = cls(s, start - 1);
    if (before & (DIGIT | NUMERAL | STOP_BEFORE) || s.charCodeAt(start - 1) === 46 /* . */) continue;
    let k = end;
    while (cls(s, k) & SPACE) k++;
    let approximate = false;
    if (cls(s, k) & APPROX_AFTER) {
      approximate = true;
      k++;
      while (cls(s, k) & SPACE) k++;
    }
    if (!(cls(s, k) & UNIT) || cls(s, k + 1) & STOP_AFTER) continue;
    const value = c & DIGIT ? digitsValue(s, start, end) : parseCount(s.slice(start, end));
    const segment = segmentOf(start);
    if (value === undefined || segment < 0) continue;
    out.push({
      start,
      end: k + 1,
      value,
      unit: s[k]!,
      approximate: approximate || approximateBefore(s, start),
      segment,
    });
  }
}
