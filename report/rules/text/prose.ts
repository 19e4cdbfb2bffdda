/**
 * Prose as the TEXT rules read it: split into sentences (。；！？ and line breaks) and clause segments (also
 * ，（）：), half-width or full-width alike (imported text is half-width, typed text full-width). Full-width digits
 * are made ASCII first, character for character, so offsets into the read text are offsets into the text as
 * written. Punctuation is not rewritten (that copy of the text cost more than the rest of the reading): every
 * pattern of the TEXT rules accepts both widths.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Segment extends Span {
  readonly sentence: number;
}

const FULL_WIDTH = /[０-９％．]/;
const FULL_WIDTH_ALL = /[０-９％．]/g;

function toHalfWidth(ch: string): string {
  return ch === '％' ? '%' : ch === '．' ? '.' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/** Full-width digits, ％ and ． → ASCII (one character for one); the text itself when it has none. */
export function normaliseProse(text: string): string {
  return FULL_WIDTH.test(text) ? text.replace(FULL_WIDTH_ALL, toHalfWidth) : text;
}

const NONE = 0;
const SEGMENT_BREAK = 1;
const SENTENCE_BREAK = 2;
const BREAKS = new Uint8Array(0x10000);
for (const ch of '。；！？;!?\n\r') BREAKS[ch.charCodeAt(0)] = SENTENCE_BREAK;
for (const ch of '，（）：,():') BREAKS[ch.charCodeAt(0)] = SEGMENT_BREAK;
const COMMA = 44;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export interface Split {
  readonly sentences: Span[];
  readonly segments: Segment[];
}

/** Splits normalised text into sentences and clause segments (empty ones dropped). */
export function splitProse(norm: string): Split {
  const sentences: Span[] = [];
  const segments: Segment[] = [];
  let sentenceStart = 0;
  let segmentStart = 0;
  const n = norm.length;
  for (let i = 0; i <= n; i++) {
    const code = i === n ? 10 : norm.charCodeAt(i);
    const kind = BREAKS[code]!;
    if (kind === NONE) continue;
    // 1,234: a thousands separator, not a clause break.
    if (code === COMMA && isDigit(norm.charCodeAt(i - 1)) && isDigit(norm.charCodeAt(i + 1))) continue;
    if (i > segmentStart) segments.push({ start: segmentStart, end: i, sentence: sentences.length });
    segmentStart = i + 1;
    if (kind === SENTENCE_BREAK) {
      // A segment pushed above took this sentence's index: it is non-empty whenever the segment is.
      if (i > sentenceStart) sentences.push({ start: sentenceStart, end: i });
      sentenceStart = i + 1;
    }
  }
  return { sentences, segments };
}

/** The index of the span holding position pos (spans sorted, not overlapping), or -1. */
export function segmentAt(segments: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** segmentAt for positions met in increasing order (a scan's matches): amortised constant time per position. */
export function spanCursor(spans: readonly Span[]): (pos: number) => number {
  let i = 0;
  return (pos) => {
    while (i < spans.length && spans[i]!.end <= pos) i++;
    return i < spans.length && spans[i]!.start <= pos ? i : -1;
  };
}
