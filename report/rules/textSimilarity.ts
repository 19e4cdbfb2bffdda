/**
 * How alike two texts are: Sørensen–Dice similarity over character bigrams, spaces and punctuation ignored, for
 * YEAR-COPY (is this year's prose last year's?). Made fast for the task pane, which validates on every edit against
 * the same last year's text: that side is prepared once and kept within a memory budget; typed arrays as scratch;
 * with a threshold, an answer below it stops early.
 */

const IGNORED = /^[\s\p{P}]$/u;
/** Per BMP code unit: 0 not yet known, 1 kept, 2 ignored (space or punctuation). Filled as characters are met. */
const KIND = new Uint8Array(0x10000);

function kindOf(c: number): number {
  let k = KIND[c]!;
  if (k === 0) KIND[c] = k = IGNORED.test(String.fromCharCode(c)) ? 2 : 1;
  return k;
}

// Scratch space reused from call to call (validation runs on every edit in the task pane).
let scratchUnits = new Uint16Array(1024);
let scratchCounts = new Int32Array(1024);

/** Writes the code units of `s` without spaces and punctuation into `out` (a pair outside the BMP judged whole). */
function significantUnits(s: string, out: Uint16Array): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      if (!IGNORED.test(s.slice(i, i + 2))) {
        out[n++] = c;
        out[n++] = s.charCodeAt(i + 1);
      }
      i++;
    } else if ((KIND[c] || kindOf(c)) === 1) out[n++] = c;
  }
  return n;
}

/** Calls `take` with each significant code unit of `s`, in order; stops when it answers false. */
function forEachUnit(s: string, take: (unit: number, left: number) => boolean): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      if (!IGNORED.test(s.slice(i, i + 2)) && (!take(c, s.length - i) || !take(s.charCodeAt(i + 1), s.length - i - 2)))
        return;
      i++;
    } else if ((KIND[c] || kindOf(c)) === 1 && !take(c, s.length - i - 1)) return;
  }
}

/** Per code unit, how many of the prepared text's are not yet matched (scratch, zero between calls). */
const charCounts = new Int32Array(0x10000);

/**
 * One side of a comparison, prepared once: its distinct characters with their counts, and its bigrams (32-bit
 * numbers) counted in an open-addressing table. The side prepared is last year's text, which stays the same while
 * staff edit this year's report: the task pane validates against it on every edit.
 */
interface Prepared {
  readonly chars: Uint16Array;
  readonly charCount: Int32Array;
  /** Its bigrams. */
  readonly n: number;
  readonly shift: number;
  readonly mask: number;
  readonly keys: Int32Array;
  readonly counts: Int32Array;
}

const prepared = new Map<string, Prepared>();
/**
 * What is kept: the most recent texts within a memory budget (a 30 KB section's table is ~256 KB) — last year's
 * three sections of the report being edited, and of a few more reports when several are validated in turn.
 */
const PREPARED_BUDGET_BYTES = 4 * 1024 * 1024;
let preparedBytes = 0;
const sizeOf = (p: Prepared) => p.keys.byteLength + p.counts.byteLength + p.chars.byteLength + p.charCount.byteLength;

const slotOf = (key: number, p: { shift: number; mask: number; keys: Int32Array }, counts: Int32Array): number => {
  let h = Math.imul(key, 0x9e3779b1) >>> p.shift;
  while (counts[h] !== 0 && p.keys[h] !== key) h = (h + 1) & p.mask;
  return h;
};

function prepare(text: string): Prepared {
  if (scratchUnits.length < text.length) scratchUnits = new Uint16Array(text.length * 2);
  const units = scratchUnits;
  const len = significantUnits(text, units);
  const distinct: number[] = [];
  for (let i = 0; i < len; i++) if (charCounts[units[i]!]!++ === 0) distinct.push(units[i]!);
  const chars = Uint16Array.from(distinct);
  const charCount = Int32Array.from(distinct, (c) => charCounts[c]!);
  for (const c of distinct) charCounts[c] = 0;
  const n = Math.max(0, len - 1);
  let bits = 4;
  while (1 << bits < n * 2) bits++;
  const p = {
    chars,
    charCount,
    n,
    shift: 32 - bits,
    mask: (1 << bits) - 1,
    keys: new Int32Array(1 << bits),
    counts: new Int32Array(1 << bits),
  };
  for (let i = 0; i < n; i++) {
    const key = (units[i]! << 16) | units[i + 1]!;
    const h = slotOf(key, p, p.counts);
    p.keys[h] = key;
    p.counts[h]!++;
  }
  return p;
}

/** The prepared form of `text`, kept for the most recent texts. */
function preparedOf(text: string): Prepared {
  let p = prepared.get(text);
  if (p) prepared.delete(text);
  else {
    p = prepare(text);
    preparedBytes += sizeOf(p);
    // The least recently used go first; the newest stays even when it alone exceeds the budget.
    for (const [oldText, old] of prepared) {
      if (preparedBytes <= PREPARED_BUDGET_BYTES) break;
      prepared.delete(oldText);
      preparedBytes -= sizeOf(old);
    }
  }
  prepared.set(text, p);
  return p;
}

/** 2 × (characters the texts share, as multisets) / (bigrams of both): an upper bound of the bigram similarity. */
function characterBound(a: string, B: Prepared): number {
  for (let i = 0; i < B.chars.length; i++) charCounts[B.chars[i]!] = B.charCount[i]!;
  let shared = 0;
  let lenA = 0;
  forEachUnit(a, (u) => {
    lenA++;
    if (charCounts[u]! > 0) {
      charCounts[u]!--;
      shared++;
    }
    return true;
  });
  for (let i = 0; i < B.chars.length; i++) charCounts[B.chars[i]!] = 0;
  const nA = Math.max(0, lenA - 1);
  return nA + B.n === 0 ? 1 : Math.min(1, (2 * shared) / (nA + B.n));
}

/**
 * Sørensen–Dice similarity of two texts over character bigrams (counted as a multiset), ignoring spaces and
 * punctuation. `b` is prepared once and kept (see Prepared); `a` is read as it comes. With `atLeast`, an answer
 * below it may stop early and is then only known to be below it.
 */
export function textSimilarity(a: string, b: string, atLeast = 0): number {
  const B = preparedOf(b);
  if (atLeast > 0) {
    // Shared bigrams are at most shared characters (each shared bigram starts with a shared character): when even
    // the characters cannot reach `atLeast`, the bigrams cannot — a direct count, no hashing.
    const bound = characterBound(a, B);
    if (bound < atLeast) return bound;
  }
  if (scratchCounts.length < B.counts.length) scratchCounts = new Int32Array(B.counts.length);
  const counts = scratchCounts;
  counts.set(B.counts);
  // Each of A's bigrams takes one of B's copies while any are left: Σ min(count A, count B).
  let shared = 0;
  let nA = 0;
  let prev = -1;
  let early = -1;
  forEachUnit(a, (unit, left) => {
    if (prev >= 0) {
      const h = slotOf((prev << 16) | unit, B, counts);
      const k = counts[h]!;
      // Used up: -1, not 0, so that probes for other keys still pass this slot.
      if (k > 0) {
        counts[h] = k === 1 ? -1 : k - 1;
        shared++;
      }
      nA++;
    }
    prev = unit;
    // At most one more bigram per character left: if even that cannot reach `atLeast`, stop.
    if (atLeast > 0 && 2 * (shared + left) < atLeast * (nA + B.n + left)) {
      early = (2 * (shared + left)) / (nA + B.n + left);
      return false;
    }
    return true;
  });
  if (early >= 0) return early;
  if (nA + B.n === 0) return 1;
  return (2 * shared) / (nA + B.n);
}
