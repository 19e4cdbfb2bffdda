/** The official formats as data. Light: safe for the task pane bundle. */
import { FORMAT_2019 } from './format2019';
import { FORMAT_2021 } from './format2021';
import type { FormatDef, FormatVersion } from './types';

export * from './types';
export { cellId } from './build';
export { FORMAT_2019 } from './format2019';
export { FORMAT_2021 } from './format2021';
export { PROSE_SECTIONS, SECTIONS, TABLE_SECTIONS, TABLE3_NOTE } from './shared';

export const FORMATS: Readonly<Record<FormatVersion, FormatDef>> = { '2021': FORMAT_2021, '2019': FORMAT_2019 };

/** The format a reporting year must use: the trial format for 2019–2020, the 2021 format from 2021 on. */
export function formatForYear(year: number): FormatDef {
  return year < 2021 ? FORMAT_2019 : FORMAT_2021;
}

/** The official title: （行政机关名称）XXXX年政府信息公开工作年度报告. */
export function reportTitle(agency: string, year: number | string): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}
