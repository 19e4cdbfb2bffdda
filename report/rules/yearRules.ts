/** Cross-year rules (YEAR-*): this year against the same agency's report for the year before. */
import { cellId } from '../format/build';
import { PROSE_SECTIONS } from '../model/report';
import type { Finding, Report } from '../model/types';
import { cellRef, fmt } from './cells';
import { sectionHeading } from './text/findings';
import type { CheckRule } from './types';

const num = (r: Report, id: string): number | undefined => {
  const v = r.values[id];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export const YEAR_CARRY: CheckRule = {
  kind: 'check',
  code: 'YEAR-CARRY',
  severity: 'error',
  needsPrevious: true,
  title: { zh: '二、上年结转等于上年度四、结转下年度继续办理', en: '二 carried over = last year’s 四 carried forward' },
  description: {
    zh: '需要上年度报告：本年表三「二、上年结转」每一列等于上年度「四、结转下年度继续办理」的同一列。',
    en: 'Needs last year’s report: this year’s table 三 二 carried over equals last year’s 四 carried forward, column by column.',
  },
  check(ctx) {
    const prev = ctx.previous!;
    const out: Finding[] = [];
    for (const c of ctx.format.table3.columns) {
      const here = ctx.num(cellId('三', 'carried', c.key));
      const there = num(prev, cellId('三', 'carryOver', c.key));
      if (here === undefined || there === undefined || here === there) continue;
      out.push({
        rule: 'YEAR-CARRY',
        severity: 'error',
        message: {
          zh: `表三「二、上年结转政府信息公开申请数量」行「${c.label}」列为 ${fmt(here)}，而${prev.year ?? '上'}年度报告「四、结转下年度继续办理」为 ${fmt(there)}。`,
          en: `Table 三, 二 carried over, column “${c.label}”: ${fmt(here)}, but the ${prev.year ?? 'previous'} report carried ${fmt(there)} forward (四).`,
        },
        cells: [cellRef(ctx.format, cellId('三', 'carried', c.key))],
      });
    }
    return out;
  },
};

export const YEAR_IN_FORCE: CheckRule = {
  kind: 'check',
  code: 'YEAR-IN-FORCE',
  severity: 'warning',
  needsPrevious: true,
  title: {
    zh: '现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止',
    en: 'In force = last year’s in force + issued − repealed',
  },
  description: {
    zh: '需要上年度报告（两年均为 2021 年格式）：表二规章、行政规范性文件的现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数。',
    en: 'Needs last year’s report (both in the 2021 format): for 规章 and 行政规范性文件 in table 二, in force = last year’s in force + issued − repealed.',
  },
  check(ctx) {
    const prev = ctx.previous!;
    // The trial format counted 对外公开总数量, not 现行有效件数: nothing to compare against.
    if (ctx.report.format !== '2021' || prev.format !== '2021') return [];
    const out: Finding[] = [];
    for (const row of ctx.format.table2[0]!.rows) {
      const id = (col: string) => cellId('二', row.key, col);
      const now = ctx.num(id('inForce'));
      const before = num(prev, id('inForce'));
      const issued = ctx.num(id('issued'));
      const repealed = ctx.num(id('repealed'));
      if (now === undefined || before === undefined || issued === undefined || repealed === undefined) continue;
      const expected = before + issued - repealed;
      if (now === expected) continue;
      out.push({
        rule: 'YEAR-IN-FORCE',
        severity: 'warning',
        message: {
          zh: `表二「${row.label}」现行有效件数为 ${fmt(now)}，但上年现行有效 ${fmt(before)} 件 + 本年制发 ${fmt(issued)} 件 − 本年废止 ${fmt(repealed)} 件 = ${fmt(expected)} 件。`,
          en: `Table 二, “${row.label}”: ${fmt(now)} in force, but last year’s ${fmt(before)} + ${fmt(issued)} issued − ${fmt(repealed)} repealed = ${fmt(expected)}.`,
        },
        cells: [id('inForce'), id('issued'), id('repealed')].map((i) => cellRef(ctx.format, i)),
      });
    }
    return out;
  },
};

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

/** At or above this a section counts as copied from last year. */
export const COPY_SIMILARITY = 0.9;
/** Sections shorter than this are too short to judge (e.g. 无。). */
const COPY_MIN_CHARS = 40;

export const YEAR_COPY: CheckRule = {
  kind: 'check',
  code: 'YEAR-COPY',
  severity: 'warning',
  title: { zh: '正文不应照抄上年报告', en: 'Prose is not last year’s, copied' },
  description: {
    zh: '正文各部分与上年度报告的同一部分几乎相同，或以上一年叙述全年工作而未提及本年度：可能照抄了上年报告。',
    en: 'A prose section (almost) the same as last year’s, or one that tells the year as last year and never names this one: text copied from last year’s report.',
  },
  check(ctx) {
    const out: Finding[] = [];
    const { report, previous } = ctx;
    for (const id of PROSE_SECTIONS) {
      const text = report.sections[id];
      if (!text) continue;
      const heading = sectionHeading(ctx.format, id);
      const before = previous?.sections[id];
      if (before && text.length >= COPY_MIN_CHARS) {
        const sim = textSimilarity(text, before, COPY_SIMILARITY);
        if (sim >= COPY_SIMILARITY) {
          out.push({
            rule: 'YEAR-COPY',
            severity: 'warning',
            section: id,
            message: {
              zh: `「${heading}」与${previous!.year ?? '上'}年度报告的同一部分 ${Math.round(sim * 100)}% 相同：请按本年度情况撰写。`,
              en: `“${heading}” is ${Math.round(sim * 100)}% the same as in the ${previous!.year ?? 'previous'} report: write it for this year.`,
            },
            cells: [],
          });
        }
      }
      // Last year's year at the start of a sentence ("2020年，我局…") where this year's is never named: left over.
      // (Only looked for when this year is never named: most text names it, and the search reads the whole text.)
      if (report.year && !text.includes(`${report.year}年`)) {
        const last = report.year - 1;
        const stale = new RegExp(`(^|[。；！\\n])\\s*(${last}年(?:度)?[，,、])`);
        const m = stale.exec(text);
        if (m) {
          out.push({
            rule: 'YEAR-COPY',
            severity: 'warning',
            section: id,
            excerpt: text.slice(m.index, m.index + 40).trim(),
            message: {
              zh: `「${heading}」以「${last}年」叙述全年工作，却未提及${report.year}年：可能沿用了上年报告的文字。`,
              en: `“${heading}” describes the year as ${last} and never names ${report.year}: text left over from last year’s report?`,
            },
            cells: [],
          });
        }
      }
    }
    return out;
  },
};

export const YEAR_RULES: readonly CheckRule[] = [YEAR_CARRY, YEAR_IN_FORCE, YEAR_COPY];
