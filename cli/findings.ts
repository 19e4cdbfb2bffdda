/** Findings as the CLI prints them: a readable list, or the documented JSON shape. */
import type { Reading } from '../report/input';
import type { Bilingual, Finding, Severity } from '../report/model/types';
import type { Lang } from './io';

const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
};

/** `{"findings":[{"rule","severity","message","cells":[{"table","row","column","address"?}]}]}` plus context. */
export function findingsJson(findings: readonly Finding[], lang: Lang): unknown {
  return {
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message[lang],
      cells: f.cells.map((c) => ({
        table: c.table,
        row: c.row,
        column: c.column,
        ...(c.address ? { address: c.address } : {}),
      })),
      ...(f.section ? { section: f.section } : {}),
      ...(f.excerpt ? { excerpt: f.excerpt } : {}),
      ...(f.repairs
        ? {
            repairs: f.repairs.map((r) => ({
              ...(r.id ? { id: r.id } : {}),
              description: r.description[lang],
              values: r.values,
            })),
          }
        : {}),
    })),
  };
}

/** How much of a report could be read, as `validate` prints it. */
export function readingText(reading: Reading, lang: Lang, label?: Bilingual): string {
  const tables = reading.tables.join('、') || (lang === 'zh' ? '无' : 'none');
  const sections = reading.sections.length;
  const head = label ? `${label[lang]} ` : '';
  return lang === 'zh'
    ? `${head}读取情况：表格 ${reading.tables.length}/3（${tables}），单元格 ${reading.cellsRead}/${reading.cellsTotal}，部分 ${sections}/6`
    : `${head}Read: tables ${reading.tables.length}/3 (${tables}), cells ${reading.cellsRead}/${reading.cellsTotal}, sections ${sections}/6`;
}

export function findingsText(findings: readonly Finding[], lang: Lang): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const summary =
    lang === 'zh'
      ? `错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项`
      : `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} hint(s)`;
  const lines = findings.map((f) => {
    const where = f.cells.find((c) => c.address)?.address;
    const head = `[${SEVERITY_LABEL[f.severity][lang]}] ${f.rule}`;
    const repairs = (f.repairs ?? []).map(
      (r, i) => `      ${lang === 'zh' ? '可选修正' : 'candidate repair'} ${r.id ?? i + 1}: ${r.description[lang]}`,
    );
    return [`${head}${where ? ` (${where})` : ''}`, `    ${f.message[lang]}`, ...repairs].join('\n');
  });
  return [...lines, '', summary].join('\n');
}
