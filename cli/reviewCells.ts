/**
 * `nianbao review return … --cell CELL=COMMENT`: the cell as the reviewer sees it in Excel (表三!D5, the sheet's full
 * name and A1 reference) or as a cell id (t3.new.natural), read through the layout of the report's own format (its
 * versions may be of the 2019 or the 2021 form) to the id the API takes. A cell that names nothing is refused here,
 * exit 2, with how to write one.
 */
import type { CellComment } from '../contract/review';
import { REVIEW_LIMITS } from '../contract/review';
import { FORMATS, formatForYear } from '../report/format';
import type { FormatVersion } from '../report/format/types';
import { addressExamples, readAddress } from '../report/workbook/address';
import { workbookLayout, type WorkbookLayout } from '../report/workbook/layout';
import { type ApiTarget, call } from './api';
import { UsageError } from './io';

/** --cell CELL=COMMENT, repeated: split at the first '=', bounded as the server bounds them. */
export function cellComments(given: readonly string[]): CellComment[] {
  const { short, id } = addressExamples(workbookLayout(formatForYear(2021)));
  if (given.length > REVIEW_LIMITS.comments)
    throw new UsageError({
      zh: `--cell 最多 ${REVIEW_LIMITS.comments} 条`,
      en: `At most ${REVIEW_LIMITS.comments} --cell comments`,
    });
  return given.map((text) => {
    const at = text.indexOf('=');
    const cell = at > 0 ? text.slice(0, at).trim() : '';
    const comment = at > 0 ? text.slice(at + 1).trim() : '';
    if (!cell || !comment || comment.length > REVIEW_LIMITS.commentChars)
      throw new UsageError({
        zh: `--cell 应为 单元格=批注（不超过 ${REVIEW_LIMITS.commentChars} 字），如 ${short}=请核对 或 ${id}=请核对：${text}`,
        en: `--cell is CELL=COMMENT (at most ${REVIEW_LIMITS.commentChars} characters), e.g. ${short}=check or ${id}=check: ${text}`,
      });
    return { cell, comment };
  });
}

/** The layout of the report's latest version (its format); with none yet, the year's (the server then refuses). */
export async function reportLayout(target: ApiTarget, agency: string, year: number): Promise<WorkbookLayout> {
  const answer = await call(target, 'GET', `/reports/${agency}/${year}`);
  const format = answer.status === 200 ? (answer.json?.format as FormatVersion | undefined) : undefined;
  return workbookLayout(format && Object.hasOwn(FORMATS, format) ? FORMATS[format] : formatForYear(year));
}

/** Each comment's cell as the id the API takes; a cell that names nothing → a UsageError saying how to write one. */
export function resolveCells(comments: readonly CellComment[], layout: WorkbookLayout): CellComment[] {
  const ex = addressExamples(layout);
  return comments.map(({ cell, comment }) => {
    if (layout.byId.has(cell)) return { cell, comment };
    const read = readAddress(layout, cell);
    if ('slot' in read) return { cell: read.slot.id, comment };
    if (read.problem === 'sheet') {
      const sheets = layout.sheets.map((s) => s.name);
      throw new UsageError({
        zh: `--cell ${cell}：没有名为「${read.sheet}」的工作表。可写 表二、表三、表四，一 至 六（各部分），或工作表全名：${sheets.join('、')}`,
        en: `--cell ${cell}: no sheet is named "${read.sheet}". Write 表二, 表三, 表四, a section's numeral 一 to 六, or the sheet's full name: ${sheets.join(', ')}`,
      });
    }
    if (read.problem === 'cell')
      throw new UsageError({
        zh: `--cell ${cell}：不是要填写的单元格；「${read.sheet}」的填写区在 ${read.first} 至 ${read.last} 之间`,
        en: `--cell ${cell}: not a cell to fill in; the inputs of "${read.sheet}" lie between ${read.first} and ${read.last}`,
      });
    throw new UsageError({
      zh: `--cell ${cell}：没有这个单元格。请按 Excel 中所见写 工作表!单元格，如 ${ex.short} 或 ${ex.full}，或写单元格标识，如 ${ex.id}`,
      en: `--cell ${cell}: no such cell. Write it as Excel shows it, sheet!cell — e.g. ${ex.short} or ${ex.full} — or as a cell id, e.g. ${ex.id}`,
    });
  });
}
