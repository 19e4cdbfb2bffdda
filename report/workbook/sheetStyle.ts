/**
 * How the template looks: fonts, borders, fills and the estimate of how many lines wrapped Chinese text needs
 * (files written by exceljs carry no computed row heights, and Excel does not grow rows for merged cells).
 */
import type { Alignment, Borders, Fill, Font, Style } from 'exceljs';
import type { Severity } from '../model/types';

export const FONT_NAME = '宋体';
export const BODY_FONT: Partial<Font> = { name: FONT_NAME, size: 11 };
export const TITLE_FONT: Partial<Font> = { name: FONT_NAME, size: 14, bold: true };
export const HINT_FONT: Partial<Font> = { name: FONT_NAME, size: 10, color: { argb: 'FF595959' } };

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const BORDERS: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Inputs are tinted so staff see where to type; everything else is locked. */
export const INPUT_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFDE7' } };

export const CENTER: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
export const LEFT: Partial<Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true };
export const TOP_LEFT: Partial<Alignment> = { horizontal: 'left', vertical: 'top', wrapText: true };

/**
 * The conditional formats' colours, unlike the inputs' pale yellow: red for errors (Excel's built-in "light red fill
 * with dark red text"), orange for what needs checking. The legend on each sheet shows the same colours.
 */
export const HIGHLIGHT_COLOURS: Record<'error' | 'warning', { fill: string; font: string }> = {
  error: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  warning: { fill: 'FFF8CBAD', font: 'FF843C0C' },
};

/** A dxf solid fill takes its colour from bgColor in Excel; fgColor is set too for readers that take it from there. */
export function highlightStyle(severity: Severity): Partial<Style> {
  const { fill, font } = HIGHLIGHT_COLOURS[severity === 'error' ? 'error' : 'warning'];
  return {
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fill }, bgColor: { argb: fill } },
    font: { color: { argb: font }, bold: true },
  };
}

/** What the colours mean, as the legend below each table and the notes of 基本信息 say it. */
export const LEGEND: readonly { fill: Fill; font?: Partial<Font>; sample: string; text: string }[] = [
  { fill: INPUT_FILL, sample: '', text: '浅黄色：填写项。只能填写数字，没有发生的填 0（空白不等于 0）。' },
  {
    fill: solid(HIGHLIGHT_COLOURS.error.fill),
    font: { color: { argb: HIGHLIGHT_COLOURS.error.font }, bold: true },
    sample: '1.5',
    text: '红色：错误。填写了文字、小数或负数，或合计、勾稽关系不符。报送前必须改正。',
  },
  {
    fill: solid(HIGHLIGHT_COLOURS.warning.fill),
    font: { color: { argb: HIGHLIGHT_COLOURS.warning.font }, bold: true },
    sample: '9',
    text: '橙色：请核实。如某项办理结果超过本年新收与上年结转之和，或金额超过 4 位小数、像是按“元”填写。',
  },
];

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

/** Points per line of 11 pt CJK text, and the padding of a cell. */
const LINE_PT = 15;
const PAD_PT = 6;
export const MIN_ROW_PT = 20;

/** Width of text in Excel column units (the width of "0"): a CJK character is about two. */
export function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! >= 0x2e80 ? 2.1 : 1.1;
  return n;
}

/** Lines the text takes when wrapped in a cell `width` units wide (explicit newlines included). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / usable)), 0);
}

/** Row height in points for that many lines (11 pt text); 10 pt hints need slightly less. */
export function heightFor(lines: number, size = 11): number {
  return Math.round(lines * LINE_PT * (size / 11) + PAD_PT);
}
