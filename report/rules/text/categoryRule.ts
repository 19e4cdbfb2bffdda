/**
 * TEXT-CATEGORY: words that put a reply in the wrong row — a document that does not exist answered as 不予公开
 * (it is （四）无法提供) — and reply categories the format does not have (同意公开, 不予受理 …), mapped to its rows.
 */
import type { Finding } from '../../model/types';
import { cellRefs } from '../cells';
import type { CheckRule, RuleContext } from '../types';
import {
  analyseProse,
  clauseHasNumber,
  clausesExcerpt,
  forEachSentenceMatch,
  sentenceText,
  type ProseSection,
} from './extract';
import { sectionHeading, textFinding } from './findings';
import type { CellSet } from './phrases';
import { segmentAt } from './prose';
import { DENIED_REPLY, MISFILED_REPLIES, NON_FORMAT_CATEGORIES } from './statements';
import { resolveCellSet, table3RowsUnder } from './targets';

const DENIED: CellSet = [{ table: '三', row: 'denied' }];

/** Does the clause holding position pos state a count? Then 不予公开 there is a figure in a list, not a reply. */
function clauseHasCount(sec: ProseSection, pos: number): boolean {
  return clauseHasNumber(sec, segmentAt(sec.segments, pos));
}

function misfiledFindings(ctx: RuleContext, sec: ProseSection, out: Finding[]): void {
  const heading = sectionHeading(ctx.format, sec.id);
  forEachSentenceMatch(sec, DENIED_REPLY, (denied, s) => {
    const start = sec.sentences[s]!.start;
    if (clauseHasCount(sec, denied.index)) return;
    const text = sentenceText(sec, s);
    for (const m of MISFILED_REPLIES) {
      const why = m.pattern.exec(text);
      if (!why) continue;
      const rowSet: CellSet = [{ table: '三', row: m.row }];
      const row = resolveCellSet(ctx.format, rowSet);
      if (!row) return;
      const rowLabel = table3RowsUnder(ctx.format, m.row)[0]!;
      const group = ctx.format.table3.rows.find((r) => r.key === rowLabel.parent)?.label ?? '';
      const filled = ctx.num(row.ids[0]!);
      const deniedIds = (resolveCellSet(ctx.format, DENIED)?.ids ?? []).filter((id) => (ctx.num(id) ?? 0) > 0);
      const empty =
        filled === 0
          ? {
              zh: `而表三「${rowLabel.label}」总计为 0：没有相应的行填写。`,
              en: ` Table 三 “${rowLabel.label}” is 0: no matching row is filled.`,
            }
          : { zh: '', en: '' };
      const at = denied.index - start;
      const excerpt = clausesExcerpt(sec, s, Math.min(why.index, at), Math.max(why.index, at));
      out.push(
        textFinding(
          'TEXT-CATEGORY',
          'warning',
          sec.id,
          excerpt,
          {
            zh: `「${heading}」所述申请因${m.reason.zh}（「${why[0]}」）却作出「${denied[0]}」的答复：依${m.basis}，应答复无法提供，计入表三「${group}」「${rowLabel.label}」，不计入「（三）不予公开」${empty.zh ? '；' : '。'}${empty.zh}`,
            en: `“${heading}”: an application answered “${denied[0]}” because ${m.reason.en} (“${why[0]}”): under ${m.basis} the reply is 无法提供, counted in table 三 “${group}” “${rowLabel.label}”, not “（三）不予公开”.${empty.en}`,
          },
          cellRefs(ctx.format, [...row.ids, ...deniedIds]),
        ),
      );
      return;
    }
  });
}

function categoryFindings(ctx: RuleContext, out: Finding[]): void {
  for (const claim of analyseProse(ctx.report).claims) {
    const cat = claim.category && NON_FORMAT_CATEGORIES[claim.category];
    if (!cat) continue;
    const labels = cat.rows.map((r) => ctx.format.table3.rows.find((row) => row.key === r)?.label ?? r);
    const ids = cat.rows.flatMap((r) => resolveCellSet(ctx.format, [{ table: '三', row: r }])?.ids ?? []);
    const heading = sectionHeading(ctx.format, claim.section);
    out.push(
      textFinding(
        'TEXT-CATEGORY',
        'warning',
        claim.section,
        claim.excerpt,
        {
          zh: `「${heading}」中「${claim.excerpt}」不是年报格式的办理结果分类：${cat.hint.zh}（表三${labels.map((l) => `「${l}」`).join('、')}）。`,
          en: `“${heading}”: “${claim.excerpt}” is not a reply category of the format: ${cat.hint.en} (table 三 ${labels.map((l) => `“${l}”`).join(', ')}).`,
        },
        cellRefs(ctx.format, ids),
      ),
    );
  }
}

export const TEXT_CATEGORY: CheckRule = {
  kind: 'check',
  code: 'TEXT-CATEGORY',
  severity: 'warning',
  title: { zh: '答复应计入格式规定的办理结果行', en: 'Replies go in the format’s result rows' },
  description: {
    zh: '答复计入格式规定的行：信息不存在、不掌握或未制作的答复是（四）无法提供，不是不予公开；格式没有的分类（不予受理、同意公开、免予公开等）须对应到格式的行。',
    en: 'Replies go in the format’s rows: a document that does not exist, is not held or was never made is （四）无法提供, not 不予公开; categories the format does not have (不予受理, 同意公开, 免予公开 …) must be mapped to its rows.',
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const sec of analyseProse(ctx.report).sections) misfiledFindings(ctx, sec, out);
    categoryFindings(ctx, out);
    return out;
  },
};
