/** Cross-year rules (YEAR-*): this year against the same agency's report for the year before. */
import { cellId } from '../format/build';
import { PROSE_SECTIONS } from '../model/report';
import type { Finding, Report } from '../model/types';
import { cellRef, fmt } from './cells';
import { sectionHeading } from './text/findings';
import { textSimilarity } from './textSimilarity';
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
