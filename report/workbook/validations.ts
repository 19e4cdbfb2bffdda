/**
 * What Excel (and WPS, LibreOffice) accept in each kind of input of the template, as data validations with a prompt
 * shown on entering the cell and a refusal in the person's words: the first line of defence, before the rules.
 */
import type { DataValidation } from 'exceljs';
import type { SlotKind } from './layout';

/** The earliest and latest reporting years the year cell accepts (the format exists since reporting year 2019). */
export const YEAR_RANGE = { min: 2019, max: 2100 } as const;

/** The validation of each kind of input (text inputs have none). */
export const INPUT_VALIDATIONS: Partial<Record<SlotKind, DataValidation>> = {
  count: {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '件数',
    prompt: '填写非负整数。没有发生的填 0（空白不等于 0）。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为非负整数',
    error: '此处只能填写非负整数（0、1、2……），不能填写文字、小数或负数。',
  },
  signedCount: {
    type: 'whole',
    operator: 'between',
    formulae: [-999999999, 999999999],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '增减数',
    prompt: '填写整数，减少时填负数（如 -4）。没有变化的填 0。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为整数',
    error: '此处只能填写整数（减少填负数，如 -4），不能填写文字（如“减4”）或小数。',
  },
  fee: {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '金额（万元）',
    prompt: '以万元为单位填写非负数，最多保留 4 位小数；不要在单元格中写单位。没有收费的填 0。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为非负数（万元）',
    error: '此处只能填写以万元为单位的非负数，不能填写文字或单位（如“251000元”）。',
  },
  amount: {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '金额',
    prompt: '填写非负数，不要在单元格中写单位。没有发生的填 0。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为非负数',
    error: '此处只能填写非负数，不能填写文字或单位。',
  },
  year: {
    type: 'whole',
    operator: 'between',
    formulae: [YEAR_RANGE.min, YEAR_RANGE.max],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: '报告年度',
    prompt: '填写四位数的报告年度，例如 2021。',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '应为年份',
    error: `报告年度应为 ${YEAR_RANGE.min} 至 ${YEAR_RANGE.max} 之间的四位整数，例如 2021。`,
  },
};
