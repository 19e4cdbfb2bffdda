/** Shape and format (SHAPE-*, FORMAT-*): mostly found while reading an input; sections and version also on the model. */
import { PROSE_SECTIONS } from '../model/report';
import type { Finding } from '../model/types';
import type { CheckRule, InputRule } from './types';

export const SHAPE_ROW: InputRule = {
  kind: 'input',
  code: 'SHAPE-ROW',
  severity: 'error',
  title: { zh: '表格行的单元格数目不对', en: 'A table row has the wrong number of cells' },
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
};

export const FORMAT_RULES = [SHAPE_ROW, FORMAT_SECTIONS, FORMAT_VERSION, FORMAT_LABEL] as const;
