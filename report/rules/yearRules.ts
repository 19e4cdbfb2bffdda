/** Cross-year rules (YEAR-*): this year against the same agency's report for the year before. */
import { cellId } from '../format/build';
import { PROSE_SECTIONS } from '../model/report';
import type { Finding, Report } from '../model/types';
import { cellRef, fmt } from './cells';
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
  title: { zh: '现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止', en: 'In force = last year’s in force + issued − repealed' },
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
const IGNORED_BMP = new Uint8Array(0x10000);

/** The code units of a text without spaces and punctuation: what the similarity compares. */
function significantUnits(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A character outside the BMP (two code units): judged whole, kept whole.
      const pair = s.slice(i, i + 2);
      if (!IGNORED.test(pair)) {
        out[n++] = c;
        out[n++] = s.charCodeAt(i + 1);
      }
      i++;
      continue;
    }
    let kind = IGNORED_BMP[c]!;
    if (kind === 0) IGNORED_BMP[c] = kind = IGNORED.test(String.fromCharCode(c)) ? 2 : 1;
    if (kind === 1) out[n++] = c;
  }
  return out.subarray(0, n);
}

/**
 * Sørensen–Dice similarity of two texts over character bigrams (counted as a multiset), ignoring spaces and
 * punctuation. Bigrams are 32-bit numbers in an open-addressing table: a section of 50 KB compares in well under a
 * millisecond (string bigrams in a Map took several).
 */
export function textSimilarity(a: string, b: string): number {
  const A = significantUnits(a);
  const B = significantUnits(b);
  const nA = Math.max(0, A.length - 1);
  const nB = Math.max(0, B.length - 1);
  if (nA + nB === 0) return 1;
  let bits = 4;
  while (1 << bits < nA * 2) bits++;
  const mask = (1 << bits) - 1;
  const keys = new Uint32Array(1 << bits);
  const counts = new Int32Array(1 << bits);
  const slot = (key: number): number => {
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (counts[h] !== 0 && keys[h] !== key) h = (h + 1) & mask;
    return h;
  };
  for (let i = 0; i < nA; i++) {
    const key = ((A[i]! << 16) | A[i + 1]!) >>> 0;
    const h = slot(key);
    keys[h] = key;
    counts[h]!++;
  }
  // Each bigram of B takes one of A's copies while any are left: Σ min(count in A, count in B).
  let shared = 0;
  for (let i = 0; i < nB; i++) {
    const h = slot(((B[i]! << 16) | B[i + 1]!) >>> 0);
    if (counts[h]! > 0) {
      // Used up: -1, not 0, so that probes for other keys still pass this slot.
      counts[h] = counts[h] === 1 ? -1 : counts[h]! - 1;
      shared++;
    }
  }
  return (2 * shared) / (nA + nB);
}

/** At or above this a section counts as copied from last year. */
export const COPY_SIMILARITY = 0.9;
/** Sections shorter than this are too short to judge (e.g. 无。). */
const COPY_MIN_CHARS = 40;

const SECTION_HEADINGS: Record<string, string> = { overview: '一、总体情况', problems: '五、存在的主要问题及改进情况', other: '六、其他需要报告的事项' };

export const YEAR_COPY: CheckRule = {
  kind: 'check',
  code: 'YEAR-COPY',
  severity: 'warning',
  title: { zh: '正文不应照抄上年报告', en: 'Prose is not last year’s, copied' },
  check(ctx) {
    const out: Finding[] = [];
    const { report, previous } = ctx;
    for (const id of PROSE_SECTIONS) {
      const text = report.sections[id];
      if (!text) continue;
      const heading = SECTION_HEADINGS[id]!;
      const before = previous?.sections[id];
      if (before && text.length >= COPY_MIN_CHARS) {
        const sim = textSimilarity(text, before);
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
      if (report.year) {
        const last = report.year - 1;
        const stale = new RegExp(`(^|[。；！\\n])\\s*(${last}年(?:度)?[，,、])`);
        const m = stale.exec(text);
        if (m && !text.includes(`${report.year}年`)) {
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
