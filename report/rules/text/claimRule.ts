/**
 * TEXT-CLAIM: what the prose asserts about outcomes must hold in the tables — 均获维持 / 零败诉, 未发生复议诉讼,
 * 未收到依申请公开 — and a stated share must match its count (予以公开60件，占50%).
 */
import type { FormatDef } from '../../format/types';
import type { Bilingual, Finding } from '../../model/types';
import { cellName, cellRefs, fmt } from '../cells';
import type { CheckRule, RuleContext } from '../types';
import {
  analyseProse,
  forEachSentenceMatch,
  sentenceExcerpt,
  sentenceText,
  type Claim,
  type ProseSection,
} from './extract';
import { outcomeSet } from './claimReader';
import { sectionHeading, textFinding } from './findings';
import { segmentAt } from './prose';
import { TOTAL_KEYS, type CellSet, type Table4Scope } from './phrases';
import {
  ALL_UPHELD,
  LITIGATION_KIND,
  NO_APPLICATIONS,
  NO_LOSS,
  NONE_OCCURRED,
  percentTolerance,
  REVIEW_KIND,
  REVIEW_WORD,
} from './statements';
import { resolveCellSet, sumCells } from './targets';

const EVERY_SCOPE: readonly Table4Scope[] = ['review', 'litigation'];
const NOT_UPHELD = ['corrected', 'other', 'pending'];
const CORRECTED = ['corrected'];
const NEW: CellSet = [{ table: '三', row: 'new' }];
const TOTAL: CellSet = [{ table: '三', row: 'total' }];
const NEW_AND_CARRIED: CellSet = [
  { table: '三', row: 'new' },
  { table: '三', row: 'carried' },
];
const MAX_NAMED = 3;

/** The table 四 groups named in a sentence (行政复议 → review …); none named → the given default. */
function scopesIn(sec: ProseSection, sentence: number, fallback: readonly Table4Scope[]): readonly Table4Scope[] {
  const scopes = new Set<Table4Scope>();
  for (const t of sec.phrases) if (t.sentence === sentence && t.phrase.scope) scopes.add(t.phrase.scope);
  return scopes.size > 0 ? [...scopes] : fallback;
}

function table4Ids(format: FormatDef, scopes: readonly Table4Scope[], columns: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const scope of scopes) {
    for (const column of columns)
      for (const id of resolveCellSet(format, outcomeSet(scope, column))?.ids ?? []) ids.add(id);
  }
  return [...ids];
}

function nonZero(ctx: RuleContext, ids: readonly string[]): string[] {
  return ids.filter((id) => (ctx.num(id) ?? 0) > 0);
}

/** 表四「行政复议」行「结果纠正」列为 1、… (at most three named). */
function listCells(ctx: RuleContext, ids: readonly string[]): Bilingual {
  const named = ids.slice(0, MAX_NAMED).map((id) => ({ name: cellName(ctx.format, id), v: fmt(ctx.num(id) ?? 0) }));
  const more = ids.length > MAX_NAMED ? ids.length - MAX_NAMED : 0;
  return {
    zh: named.map((x) => `${x.name.zh}为 ${x.v}`).join('、') + (more ? ` 等（另有 ${more} 格）` : ''),
    en: named.map((x) => `${x.name.en} is ${x.v}`).join('; ') + (more ? ` (and ${more} more)` : ''),
  };
}

function outcomeFindings(ctx: RuleContext, sec: ProseSection, out: Finding[]): void {
  const heading = sectionHeading(ctx.format, sec.id);
  const add = (s: number, said: Bilingual, bad: string[]) => {
    if (bad.length === 0) return;
    const list = listCells(ctx, bad);
    out.push(
      textFinding(
        'TEXT-CLAIM',
        'warning',
        sec.id,
        sentenceExcerpt(sec, s),
        {
          zh: `「${heading}」称${said.zh}，但${list.zh}。`,
          en: `“${heading}” says ${said.en}, but ${list.en}.`,
        },
        cellRefs(ctx.format, bad),
      ),
    );
  };
  forEachSentenceMatch(sec, ALL_UPHELD, (_m, s) => {
    if (!REVIEW_WORD.test(sentenceText(sec, s))) return;
    const ids = table4Ids(ctx.format, scopesIn(sec, s, EVERY_SCOPE), NOT_UPHELD);
    add(s, { zh: '案件均获维持', en: 'every case was upheld (均获维持)' }, nonZero(ctx, ids));
  });
  forEachSentenceMatch(sec, NO_LOSS, (_m, s) => {
    const ids = table4Ids(ctx.format, scopesIn(sec, s, ['litigation']), CORRECTED);
    add(s, { zh: '零败诉', en: 'no case was lost (零败诉)' }, nonZero(ctx, ids));
  });
  forEachSentenceMatch(sec, NONE_OCCURRED, (m, s) => {
    // The claim runs to the end of its clause: 未发生行政复议、行政诉讼 names both, 未发生行政复议，诉讼1件 one.
    const seg = sec.segments[segmentAt(sec.segments, m.index)];
    const clause = sec.norm.slice(m.index, seg?.end ?? m.index + m[0].length);
    const scopes: Table4Scope[] = [];
    if (REVIEW_KIND.test(clause)) scopes.push('review');
    if (LITIGATION_KIND.test(clause)) scopes.push('litigation');
    const all = ctx.format.table4.columns.map((c) => c.key);
    add(
      s,
      { zh: `「${clause}」`, en: `“${clause}” (no such cases)` },
      nonZero(ctx, table4Ids(ctx.format, scopes, all)),
    );
  });
  forEachSentenceMatch(sec, NO_APPLICATIONS, (m, s) => {
    const ids = resolveCellSet(ctx.format, NEW)?.ids ?? [];
    add(s, { zh: `「${m[0]}」`, en: `“${m[0]}” (no applications)` }, nonZero(ctx, ids));
  });
}

interface Base {
  readonly value: number;
  readonly name: Bilingual;
}

/** What a share may be of: the totals stated before it in its section, then （七）总计, 一, 一 + 二. */
function percentBases(ctx: RuleContext, claims: readonly Claim[], claim: Claim): Base[] {
  const bases: Base[] = [];
  for (const c of claims) {
    if (c.section !== claim.section || c.start >= claim.start || c.approximate) continue;
    if (c.phrases.length === 1 && TOTAL_KEYS.has(c.phrases[0]!.key)) {
      bases.push({ value: c.value, name: { zh: `所述「${c.excerpt}」`, en: `the stated “${c.excerpt}”` } });
    }
  }
  for (const set of [TOTAL, NEW, NEW_AND_CARRIED]) {
    const cells = resolveCellSet(ctx.format, set);
    const sum = cells ? sumCells((id) => ctx.value(id), cells.ids, ctx.format) : undefined;
    if (cells && sum !== undefined) bases.push({ value: sum, name: cells.name });
  }
  return bases.filter((b) => b.value > 0);
}

function claimCells(format: FormatDef, claim: Claim): readonly string[] {
  const set = claim.targets[0];
  return (set && resolveCellSet(format, set)?.ids) ?? [];
}

function percentFindings(ctx: RuleContext, claims: readonly Claim[], out: Finding[]): void {
  for (const claim of claims) {
    const pct = claim.percent;
    if (!pct || claim.approximate) continue;
    if (claim.category === undefined && !claim.targets.some((set) => set.some((t) => t.table === '三'))) continue;
    const bases = percentBases(ctx, claims, claim);
    if (bases.length === 0) continue;
    const tol = percentTolerance(pct.decimals);
    if (bases.some((b) => Math.abs((claim.value / b.value) * 100 - pct.value) <= tol)) continue;
    const base = bases[0]!;
    const actual = ((claim.value / base.value) * 100).toFixed(Math.max(1, pct.decimals));
    const heading = sectionHeading(ctx.format, claim.section);
    out.push(
      textFinding(
        'TEXT-CLAIM',
        'warning',
        claim.section,
        claim.excerpt,
        {
          zh: `「${heading}」称「${claim.excerpt}」占 ${fmt(pct.value)}%，但 ${fmt(claim.value)} ÷ ${fmt(base.value)}（${base.name.zh}）= ${actual}%。`,
          en: `“${heading}” says “${claim.excerpt}” is ${fmt(pct.value)}%, but ${fmt(claim.value)} ÷ ${fmt(base.value)} (${base.name.en}) = ${actual}%.`,
        },
        cellRefs(ctx.format, claimCells(ctx.format, claim)),
      ),
    );
  }
}

export const TEXT_CLAIM: CheckRule = {
  kind: 'check',
  code: 'TEXT-CLAIM',
  severity: 'warning',
  title: { zh: '正文的结论应与表格相符', en: 'What the prose asserts holds in the tables' },
  description: {
    zh: '正文的结论在表格中成立：「均获维持」「零败诉」要求没有结果纠正（均维持还要求没有其他结果和尚未审结），「未发生复议诉讼」要求表四全为 0，「未收到申请」要求一为 0；所写百分比与件数相符（±0.05 个百分点）。',
    en: 'What the prose asserts holds in the tables: 均获维持 / 零败诉 need no 结果纠正 (均维持 also no 其他结果 or 尚未审结), 未发生复议诉讼 needs table 四 all 0, 未收到申请 needs 一 = 0; a stated percentage matches its counts (±0.05 points).',
  },
  check(ctx) {
    const out: Finding[] = [];
    const analysis = analyseProse(ctx.report);
    for (const sec of analysis.sections) outcomeFindings(ctx, sec, out);
    percentFindings(ctx, analysis.claims, out);
    return out;
  },
};
