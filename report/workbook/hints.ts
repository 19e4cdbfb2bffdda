/**
 * Short guidance shown beside the inputs of the workbook (and usable by the task pane): what each prose section must
 * cover (条例第五十条 and the format, see docs/domain/FORMAT.md) and what goes in the 基本信息 inputs. Light: no exceljs.
 */
import type { ProseSectionId } from '../format/types';

/** The format's own warning about the prose: nothing left out, nothing generic. */
const STRICT = '内容应严格按照《政府信息公开条例》第五十条的要求撰写，不能遗漏，也不宜泛化。';
/** Pasting several paragraphs into a protected sheet only works inside the cell (Excel splits them into rows otherwise). */
const PASTE = '粘贴多段文字时，请先双击此单元格（或按 F2）进入编辑状态再粘贴。';

export const PROSE_HINTS: Readonly<Record<ProseSectionId, string>> = {
  overview: [
    '本部分应写明：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况；',
    '各级人民政府还应写明工作考核、社会评议和责任追究结果情况。',
    STRICT,
    PASTE,
  ].join('\n'),
  problems: [
    '本部分应写明本机关政府信息公开工作存在的主要问题，以及上一年度问题的改进情况和下一步改进措施。',
    STRICT,
    PASTE,
  ].join('\n'),
  other: [
    '本部分应写明依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况：',
    '发出收费通知的件数和总金额、实际收取的总金额；未收取的应明确说明。',
    '各级人民政府还应报告政务公开工作要点落实情况、人大代表建议和政协提案办理结果公开情况、政务公开工作创新情况等。',
    STRICT,
    PASTE,
  ].join('\n'),
};

export const META_HINTS = {
  agency: '填写行政机关全称，例如：益阳市人力资源和社会保障局',
  year: '填写报告所统计的年度（不是发布年份），例如：2021',
  preamble: '可选：报告开头的简短说明，写明编制依据和统计期限（XXXX年1月1日至12月31日）。',
} as const;
