/**
 * Prose as the TEXT rules read it: normalised character for character (so offsets into the normalised text are
 * offsets into the text as written), split into sentences (。；！？ and line breaks) and clause segments (also
 * ，（）：). Imported text is half-width, typed text full-width: both read the same.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Segment extends Span {
  readonly sentence: number;
}

const HALF_TO_FULL: Readonly<Record<string, string>> = {
  ',': '，', ';': '；', '(': '（', ')': '）', ':': '：', '!': '！', '?': '？', '％': '%', '．': '.',
};
const TO_NORMALISE = /[,;():!?％．０-９]/g;

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Half-width punctuation → full-width, full-width digits and ％ → ASCII. A comma between digits stays a
 * thousands separator (1,234件). One character in, one character out.
 */
export function normaliseProse(text: string): string {
  return text.replace(TO_NORMALISE, (ch, offset: number, whole: string) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
    if (ch === ',' && isAsciiDigit(whole.charCodeAt(offset - 1)) && isAsciiDigit(whole.charCodeAt(offset + 1))) return ch;
    return HALF_TO_FULL[ch] ?? ch;
  });
}

const NONE = 0;
const SEGMENT_BREAK = 1;
const SENTENCE_BREAK = 2;

function breakKind(code: number): number {
  switch (code) {
    case 0x3002: // 。
    case 0xff1b: // ；
    case 0xff01: // ！
    case 0xff1f: // ？
    case 10:
    case 13:
      return SENTENCE_BREAK;
    case 0xff0c: // ，
    case 0xff08: // （
    case 0xff09: // ）
    case 0xff1a: // ：
      return SEGMENT_BREAK;
    default:
      return NONE;
  }
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
    const kind = i === n ? SENTENCE_BREAK : breakKind(norm.charCodeAt(i));
    if (kind === NONE) continue;
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

/** The index of the segment holding position pos (segments sorted), or -1. */
export function segmentAt(segments: readonly Segment[], pos: number): number {
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
