/** Shape and format (SHAPE-*, FORMAT-*): mostly found while reading an input; sections and version also on the model. */
import { PROSE_SECTIONS } from '../model/report';
import type { Finding } from '../model/types';
import type { CheckRule, InputRule } from './types';

export const SHAPE_ROW: InputRule = {
  kind: 'input',
  code: 'SHAPE-ROW',
  severity: 'error',
  title: { zh: '表格行的单元格数目不对', en: 'A table row has the wrong number of cells' },
  description: {
    zh: '导入已公开的文本或网页时，表格行的单元格数目与格式不符（示例年报表四有一行只有 14 格、以「,1」开头）。不作猜测：列出满足各项合计的候选修正，由人确认。',
    en: 'Importing a published text or page, a table row has the wrong number of cells (the seed’s table 四 row has 14 instead of 15, starting with `,1`). Never guessed: the candidate repairs that satisfy the sums are listed for a person to confirm.',
  },
};

/**
 * Headings missing or out of order are found by the importers; on the model (a workbook, JSON, the task pane) a prose
 * section with no text is a section missing.
 */
export const FORMAT_SECTIONS: CheckRule = {
  kind: 'check',
  code: 'FORMAT-SECTIONS',
  severity: 'error',
  alsoFoundByReaders: true,
  title: { zh: '六个部分齐全且顺序正确', en: 'All six sections, in order' },
  description: {
    zh: '六个部分齐全、按顺序、不重复。导入文本时按标题查找；在工作簿、JSON 和任务窗格中，没有文字的正文部分即为缺失。',
    en: 'All six sections present, in order, none repeated. In imported text the headings are looked for; in a workbook, JSON or the task pane a prose section with no text is missing.',
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const id of PROSE_SECTIONS) {
      if (ctx.report.sections[id]?.trim()) continue;
      const heading = ctx.format.sections.find((s) => s.id === id)!.heading;
      out.push({
        rule: 'FORMAT-SECTIONS',
        severity: 'error',
        section: id,
        message: {
          zh: `「${heading}」尚未填写：六个部分缺一不可。`,
          en: `“${heading}” is empty: all six sections are required.`,
        },
        cells: [],
      });
    }
    return out;
  },
};

/** The first year that must use the 2021 format. */
export const FIRST_2021_YEAR = 2021;

export const FORMAT_VERSION: CheckRule = {
  kind: 'check',
  code: 'FORMAT-VERSION',
  severity: 'error',
  alsoFoundByReaders: true,
  title: { zh: '报告格式与年度相符', en: 'The format matches the reporting year' },
  description: {
    zh: '2021 年度及以后的报告使用国办公开办函〔2021〕30号规定的格式，而不是 2019 年试行格式；导入时发现混用两种格式的标签也报告此项。',
    en: 'A report for 2021 or later uses the 2021 format (国办公开办函〔2021〕30号), not the 2019 trial format; an import that meets labels of both formats reports it too.',
  },
  check(ctx) {
    const { year, format } = ctx.report;
    if (year === null || year < FIRST_2021_YEAR || format !== '2019') return [];
    return [
      {
        rule: 'FORMAT-VERSION',
        severity: 'error',
        message: {
          zh: `${year}年度报告应使用国办公开办函〔2021〕30号规定的格式，而不是2019年试行格式。`,
          en: `A report for ${year} must use the 2021 format (国办公开办函〔2021〕30号), not the 2019 trial format.`,
        },
        cells: [],
      },
    ];
  },
};

export const FORMAT_LABEL: InputRule = {
  kind: 'input',
  code: 'FORMAT-LABEL',
  severity: 'info',
  title: { zh: '标签与官方表述不一致（已规范化）', en: 'Label differs from the official wording (normalised)' },
  description: {
    zh: '标签或标题与官方表述不一致（如「只计这一情况」应为「情形」、「钩稽」、多了注释或缺少序号）：已按官方表述读取，并提示所见的措辞。',
    en: 'A label or heading differs from the official wording (`只计这一情况` for `情形`, `钩稽`, an annotation added, numbering missing): read as the official label, and the wording found is reported.',
  },
};

export const FORMAT_RULES = [SHAPE_ROW, FORMAT_SECTIONS, FORMAT_VERSION, FORMAT_LABEL] as const;
