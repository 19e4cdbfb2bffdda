/**
 * The real published reports of test/fixtures/examples/{real,other} and what a careful reader found in them
 * (truth.json), and the checks of issue 14's "Done when": table 三/四 read as in the re-laid copy, every real error
 * found at its cell, no error where the reader found nothing, at most one warning the reader did not list.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { FORMATS } from '../../../report/format';
import type { FormatDef } from '../../../report/format/types';
import { headingsIn } from '../../../report/import/headings';
import { labelKey } from '../../../report/import/normalize';
import type { CellValue, Finding, Report } from '../../../report/model/types';
import { parseCellText } from '../../../report/model/value';
import { RULE_BY_CODE, validate } from '../../../report/rules';

export const EXAMPLES = join(__dirname, '../../fixtures/examples');

export interface TruthItem {
  rule: string;
  severity?: 'error' | 'warning' | 'info';
  table: '二' | '三' | '四' | null;
  row: string | null;
  column: string | null;
  note?: string;
}

export function truthOf(set: 'real' | 'other'): Record<string, TruthItem[]> {
  return JSON.parse(readFileSync(join(EXAMPLES, set, 'truth.json'), 'utf8'));
}

export function textFiles(set: 'real' | 'other'): string[] {
  return readdirSync(join(EXAMPLES, set))
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export function readExample(set: 'real' | 'other', file: string): string {
  return readFileSync(join(EXAMPLES, set, file), 'utf8');
}

/** The report a file is a copy of: `pingtan-czj-2021.raw.txt` → `pingtan-czj-2021`. */
export function reportName(file: string): string {
  return file.replace(/(\.raw)?\.txt$/, '');
}

export function severityOf(t: TruthItem): string {
  return t.severity ?? RULE_BY_CODE.get(t.rule)?.severity ?? 'error';
}

/**
 * Table 三 and 四 of a re-laid copy (one row a line, ` | ` between cells), read independently of the importer:
 * the figures of a line belong to the label just before them; table 四 is the line of 15 figures.
 */
export function relaidValues(text: string, format: FormatDef): Record<string, CellValue> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('三、收到和处理'));
  const out: Record<string, CellValue> = {};
  const rows = new Map(format.table3.rows.filter((r) => r.hasValues).map((r) => [labelKey(r.label), r]));
  for (const line of lines.slice(start + 1)) {
    if (/^[五六]、/.test(line)) break;
    const cells = line.split('|').map((c) => c.trim());
    const numbers = cells.filter((c) => /^\d+$/.test(c));
    if (numbers.length === 15) {
      format.cells.filter((c) => c.table === '四').forEach((c, i) => (out[c.id] = Number(numbers[i])));
      continue;
    }
    const labelAt = cells.findLastIndex((c) => c !== '' && !/^\d+$/.test(c));
    const row = labelAt >= 0 ? rows.get(labelKey(cells[labelAt]!)) : undefined;
    if (!row || numbers.length !== 7) continue;
    format.cells
      .filter((c) => c.table === '三' && c.rowKey === row.key)
      .forEach((c, i) => (out[c.id] = parseCellText(cells[labelAt + 1 + i]!)));
  }
  for (const c of format.cells) if (c.table !== '二' && !(c.id in out)) out[c.id] = null;
  return out;
}

/** The cells of a finding in official terms, with the group row each belongs to (（六）其他处理 for its items). */
function places(format: FormatDef, f: Finding): { table: string; row: string; group?: string; column: string }[] {
  return f.cells.map((c) => {
    const def = format.cellById.get(c.id);
    const row = format.table3.rows.find((r) => r.key === def?.rowKey);
    const group = row?.parent ? format.table3.rows.find((r) => r.key === row.parent)?.label : undefined;
    return { table: c.table, row: c.row, ...(group ? { group } : {}), column: c.column };
  });
}

/** The section a heading-like truth row names (`四、政府信息公开行政复议与行政诉讼情况` → review). */
function sectionOfRow(row: string | null): string | undefined {
  return row ? headingsIn(row)[0]?.id : undefined;
}

/** Does the finding stand where the truth item does (table and row; column too when asked)? */
export function sameRow(format: FormatDef, f: Finding, t: TruthItem, withColumn = false): boolean {
  if (t.table === null) {
    const section = sectionOfRow(t.row);
    return section !== undefined && f.section === section;
  }
  return places(format, f).some(
    (p) =>
      p.table === t.table &&
      (t.row === null || labelKey(p.row) === labelKey(t.row) || (p.group && labelKey(p.group) === labelKey(t.row))) &&
      (!withColumn || t.column === null || p.column === t.column),
  );
}

/** A SHAPE-ROW error left for a person, naming the truth item's cell, one of whose repairs gives the expected figures. */
export function pendingRepairCovers(
  format: FormatDef,
  f: Finding,
  t: TruthItem,
  expected: Record<string, CellValue> | undefined,
): boolean {
  if (f.rule !== 'SHAPE-ROW' || f.severity !== 'error' || !sameRow(format, f, t, true) || !expected) return false;
  return (f.repairs ?? []).some((r) => Object.entries(r.values).every(([id, v]) => expected[id] === v));
}

export interface Verdict {
  missedErrors: TruthItem[];
  unlistedErrors: Finding[];
  unlistedWarnings: Finding[];
}

export function judge(
  report: Report,
  findings: readonly Finding[],
  truth: readonly TruthItem[],
  expected?: Record<string, CellValue>,
): Verdict {
  const format = FORMATS[report.format];
  const missedErrors = truth
    .filter((t) => severityOf(t) === 'error')
    .filter(
      (t) =>
        !findings.some(
          (f) =>
            (f.rule === t.rule && f.severity === 'error' && sameRow(format, f, t, true)) ||
            pendingRepairCovers(format, f, t, expected),
        ),
    );
  const unlistedErrors = findings
    .filter((f) => f.severity === 'error')
    .filter((f) => !truth.some((t) => sameRow(format, f, t)));
  const unlistedWarnings = findings
    .filter((f) => f.severity === 'warning')
    .filter((f) => !truth.some((t) => t.rule === f.rule && sameRow(format, f, t)));
  return { missedErrors, unlistedErrors, unlistedWarnings };
}

/** Where the report's table 三/四 differ from the expected figures (cells left for a person are checked apart). */
export function tableDifferences(
  report: Report,
  expected: Record<string, CellValue>,
  pending: ReadonlySet<string>,
): string[] {
  return FORMATS[report.format].cells
    .filter((c) => c.table !== '二' && !pending.has(c.id))
    .filter((c) => (report.values[c.id] ?? null) !== (expected[c.id] ?? null))
    .map((c) => `${c.id}: ${String(report.values[c.id])} ≠ ${String(expected[c.id])}`);
}

/** Cells named by SHAPE-ROW errors that offer repairs: the figures a person is asked to confirm. */
export function pendingCells(findings: readonly Finding[]): Set<string> {
  return new Set(
    findings.filter((f) => f.rule === 'SHAPE-ROW' && f.repairs?.length).flatMap((f) => f.cells.map((c) => c.id)),
  );
}

export interface RealReading {
  readonly report: Report;
  /** The rules' findings with reading's own. */
  readonly findings: Finding[];
  /** Tables 三/四 as the re-laid copy has them. */
  readonly expected: Record<string, CellValue>;
  /** Where the report's tables 三/四 differ from the re-laid copy (cells left for a person apart). */
  readonly differences: string[];
  readonly verdict: Verdict;
}

/**
 * A real report of real/ as some way in read it (importText's or loadReport's answer), validated and held against
 * its re-laid copy (`<name>.txt`) and its entry of truth.json.
 */
export function readAgainstTruth(name: string, read: { report: Report; findings: readonly Finding[] }): RealReading {
  const { report } = read;
  const findings = validate(report, { inputFindings: read.findings });
  const expected = relaidValues(readExample('real', `${name}.txt`), FORMATS[report.format]);
  const differences = tableDifferences(report, expected, pendingCells(findings));
  return {
    report,
    findings,
    expected,
    differences,
    verdict: judge(report, findings, truthOf('real')[name]!, expected),
  };
}
