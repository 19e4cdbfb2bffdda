/** Shape and format (SHAPE-*, FORMAT-*): mostly found while reading an input; FORMAT-VERSION also on the model. */
import type { CheckRule, InputRule } from './types';

export const SHAPE_ROW: InputRule = {
  kind: 'input',
  code: 'SHAPE-ROW',
  severity: 'error',
  title: { zh: '表格行的单元格数目不对', en: 'A table row has the wrong number of cells' },
};

export const FORMAT_SECTIONS: InputRule = {
  kind: 'input',
  code: 'FORMAT-SECTIONS',
  severity: 'error',
  title: { zh: '六个部分齐全且顺序正确', en: 'All six sections, in order' },
};

/** The first year that must use the 2021 format. */
export const FIRST_2021_YEAR = 2021;

export const FORMAT_VERSION: CheckRule = {
  kind: 'check',
  code: 'FORMAT-VERSION',
  severity: 'error',
  title: { zh: '报告格式与年度相符', en: 'The format matches the reporting year' },
  check(ctx) {
    const { year, format } = ctx.report;
    if (year === null || year < FIRST_2021_YEAR || format !== '2019') return [];
    return [{
      rule: 'FORMAT-VERSION',
      severity: 'error',
      message: {
        zh: `${year}年度报告应使用国办公开办函〔2021〕30号规定的格式，而不是2019年试行格式。`,
        en: `A report for ${year} must use the 2021 format (国办公开办函〔2021〕30号), not the 2019 trial format.`,
      },
      cells: [],
    }];
  },
};

export const FORMAT_LABEL: InputRule = {
  kind: 'input',
  code: 'FORMAT-LABEL',
  severity: 'info',
  title: { zh: '标签与官方表述不一致（已规范化）', en: 'Label differs from the official wording (normalised)' },
};

export const FORMAT_RULES = [SHAPE_ROW, FORMAT_SECTIONS, FORMAT_VERSION, FORMAT_LABEL] as const;
