/**
 * From lines and tables to a Report and the findings of reading it. Strict: a fault here throws (tests call these
 * directly so that bugs are not hidden); the public functions in index.ts never throw.
 */
import { FORMATS, SECTIONS, formatForYear } from '../format';
import type { FormatVersion, ProseSectionId, SectionId, TableId } from '../format/types';
import { TABLE_SECTIONS } from '../model/report';
import type { CellValue, Finding, Report } from '../model/types';
import { parseCellText } from '../model/value';
import { sortFindings } from '../rules/engine';
import { readTitle, splitSections, textItems, type Item, type Sections } from './document';
import {
  driftFinding,
  headingDriftFinding,
  missingRowsFinding,
  sectionsFinding,
  shapeRowFinding,
  strayFinding,
  unknownLabelFinding,
  versionMixFinding,
  type SectionProblems,
} from './findings';
import { htmlItems } from './html';
import { checkSize } from './limits';
import { labelIndex, versionMarkers } from './labels';
import { labelKey, ungrouped } from './normalize';
import { proposeRepairs } from './repairs';
import { mixedRowFinding, splitFindings, unsplitFindings } from './runFindings';
import { splitRuns, type RunRow } from './runs';
import { needsSplit } from './splits';
import { readTables, rowSpecs, type Reading, type RowSpec, type Segment } from './tables';
import { rawTokens, type RawToken } from './tokens';

/** A cell's value as a published copy prints it (a figure's thousands grouping dropped: normalize.ts ungrouped). */
const cellValue = (text: string | null) => parseCellText(text === null ? null : ungrouped(text));

export interface ImportOptions {
  year?: number;
  agency?: string;
}

export interface ImportResult {
  report: Report;
  findings: Finding[];
  /** The sections whose headings were found, in the order met. */
  sections: SectionId[];
}

const SECTION_DEF = new Map(SECTIONS.map((s) => [s.id, s]));
const PROSE: readonly ProseSectionId[] = ['overview', 'problems', 'other'];

/**
 * Table tokens by section, in document order; tables found in prose sections are read too (their table unknown).
 * Both versions' labels are in either index, so the tokens do not depend on the version, chosen from them later.
 */
function segmentsOf(sections: Sections): Segment[] {
  const segments: Segment[] = [];
  const idx = labelIndex(FORMATS['2021']);
  for (const [id, content] of sections.content) {
    const table = SECTION_DEF.get(id)!.table;
    if (table) segments.push({ table, section: id, tokens: rawTokens(content, idx) });
    else {
      const tables = content.filter((i) => i.kind === 'table' && !isTextTable(i.rows));
      if (tables.length > 0) segments.push({ table: null, section: id, tokens: rawTokens(tables, idx) });
    }
  }
  // A page that ends inside a table was cut off: its last cell may be the start of a label.
  const lastSection = sections.order[sections.order.length - 1];
  const lastTable = lastSection ? SECTION_DEF.get(lastSection)!.table : undefined;
  const tail = lastTable ? segments.findLast((s) => s.table === lastTable) : undefined;
  if (tail) {
    const tokens = tail.tokens as RawToken[];
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.kind === 'cell') {
        tokens[i] = { ...t, last: true };
        break;
      }
      if (t.kind !== 'rowEnd' && t.kind !== 'blank') break;
    }
  }
  return segments;
}

/** The version markers found in the tables (official wording), by version. */
function versionEvidence(segments: readonly Segment[]): Map<FormatVersion, string[]> {
  const markers = versionMarkers();
  const found = new Map<FormatVersion, Set<string>>();
  for (const s of segments) {
    for (const t of s.tokens) {
      if (t.kind !== 'cell') continue;
      const m = markers.get(labelKey(t.text));
      if (!m) continue;
      const set = found.get(m.version) ?? new Set<string>();
      set.add(m.official);
      found.set(m.version, set);
    }
  }
  return new Map([...found].map(([v, set]) => [v, [...set]]));
}

function chooseVersion(
  evidence: Map<FormatVersion, string[]>,
  year: number | null,
): { version: FormatVersion; mixed: boolean } {
  const versions = [...evidence.keys()];
  if (versions.length === 1) return { version: versions[0]!, mixed: false };
  const byYear = year !== null ? formatForYear(year).version : undefined;
  if (versions.length === 0) return { version: byYear ?? '2021', mixed: false };
  const weight = (v: FormatVersion) => evidence.get(v)?.length ?? 0;
  return { version: byYear ?? (weight('2019') > weight('2021') ? '2019' : '2021'), mixed: true };
}

function sectionProblems(sections: Sections): SectionProblems | undefined {
  const index = new Map(SECTIONS.map((s, i) => [s.id, i]));
  const firsts: SectionId[] = [];
  const repeated = new Set<SectionId>();
  for (const id of sections.order) {
    if (firsts.includes(id)) repeated.add(id);
    else firsts.push(id);
  }
  const outOfOrder: SectionId[] = [];
  let max = -1;
  for (const id of firsts) {
    const i = index.get(id)!;
    if (i < max) outOfOrder.push(id);
    max = Math.max(max, i);
  }
  const missing = SECTIONS.map((s) => s.id).filter((id) => !firsts.includes(id));
  if (missing.length + outOfOrder.length + repeated.size === 0) return undefined;
  return { missing, outOfOrder, repeated: [...repeated] };
}

function distinctReadings(readings: readonly Reading[]): Reading[] {
  const seen = new Map<string, Reading>();
  for (const r of readings) {
    const key = JSON.stringify(r.texts);
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}

/** A table of one cell a row is layout around text, not data. */
function isTextTable(rows: readonly string[][]): boolean {
  return rows.every((r) => r.filter((c) => c.trim() !== '').length <= 1);
}

function prose(items: readonly Item[] | undefined): string | null {
  const lines = (items ?? []).flatMap((i) =>
    i.kind === 'line'
      ? [i.text]
      : isTextTable(i.rows)
        ? i.rows
            .flat()
            .map((c) => c.trim())
            .filter((c) => c !== '')
        : [],
  );
  return lines.length > 0 ? lines.join('\n') : null;
}

/** Prose beside the tables of sections 二、三、四, by section. */
function notesOf(found: ReadonlyMap<SectionId, readonly string[]>): Report['notes'] {
  const out: NonNullable<Report['notes']> = {};
  for (const id of TABLE_SECTIONS) {
    const lines = found.get(id);
    if (lines?.length) out[id] = lines.join('\n');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** R1, R2 … in the order the findings are listed, so that a person can name the repair to apply. */
function numberRepairs(findings: Finding[]) {
  let n = 0;
  for (const f of findings) if (f.repairs) f.repairs = f.repairs.map((r) => ({ id: `R${++n}`, ...r }));
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.message.zh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function importItems(items: readonly Item[], opts: ImportOptions = {}, pageTitle?: string): ImportResult {
  const sections = splitSections(items);
  const title = readTitle(sections.preamble, pageTitle);
  // Options override what the text says; an empty agency or a year that is no year says nothing.
  const year = (Number.isInteger(opts.year) ? opts.year : undefined) ?? title.year ?? null;
  const agency = opts.agency?.trim() || title.agency || null;
  const findings: Finding[] = [];

  const segments = segmentsOf(sections);
  const evidence = versionEvidence(segments);
  const { version, mixed } = chooseVersion(evidence, year);
  if (mixed) findings.push(versionMixFinding(evidence, version));
  const problems = sectionProblems(sections);
  if (problems) findings.push(sectionsFinding(problems));

  const format = FORMATS[version];
  const read = readTables(segments, labelIndex(format));
  const values: Record<string, CellValue> = Object.fromEntries(format.cells.map((c) => [c.id, null]));
  const broken: { spec: RowSpec; readings: Reading[] }[] = [];
  const runs: RunRow[] = [];
  const missing = new Map<TableId, RowSpec[]>();
  // Rows absent from a complete table are blank (TYPE-BLANK says so); only a copy cut off or cut down lacks them.
  const lastSection = sections.order[sections.order.length - 1];
  const cut = (t: TableId) => read.elided.has(t) || SECTION_DEF.get(lastSection!)?.table === t;
  for (const spec of rowSpecs(format)) {
    const readings = distinctReadings(read.readings.get(spec.key) ?? []);
    const only = readings.length === 1 ? readings[0]! : undefined;
    if (readings.length === 0) {
      if (cut(spec.table)) missing.set(spec.table, [...(missing.get(spec.table) ?? []), spec]);
    } else if (only && only.texts.length === spec.ids.length) {
      only.texts.forEach((t, i) => (values[spec.ids[i]!] = cellValue(t)));
    } else if (only && needsSplit(spec, only)) runs.push({ spec, reading: only });
    else broken.push({ spec, readings });
  }
  const { split, unsplit } = splitRuns(format, runs, values);
  for (const s of split) s.cells.forEach((t, i) => (values[s.spec.ids[i]!] = cellValue(t)));
  // Cells on which every candidate split agrees are read; the others wait for a person.
  for (const u of unsplit) {
    const [first, ...rest] = u.candidates;
    if (first)
      u.spec.ids.forEach((id, i) => {
        if (rest.every((c) => c[i] === first[i])) values[id] = cellValue(first[i] ?? null);
      });
  }
  findings.push(...splitFindings(format, split), ...unsplitFindings(format, unsplit));
  // Repairs are proposed against everything else that was read, so column sums can confirm them.
  for (const b of broken)
    findings.push(shapeRowFinding(format, b.spec, b.readings, proposeRepairs(format, b.spec, b.readings, values)));
  for (const m of read.mixed) findings.push(mixedRowFinding(format, m));
  for (const s of read.stray) findings.push(strayFinding(s));
  for (const [table, specs] of missing) findings.push(missingRowsFinding(format, table, specs));
  for (const d of read.drifts) findings.push(driftFinding(d));
  for (const u of read.unknown) findings.push(unknownLabelFinding(u.table, u.text));
  findings.push(...sections.drifts.map(headingDriftFinding));

  const report: Report = {
    format: version,
    agency,
    year,
    preamble: title.preamble,
    sections: Object.fromEntries(PROSE.map((id) => [id, prose(sections.content.get(id))])) as Report['sections'],
    values,
  };
  const notes = notesOf(read.notes);
  if (notes) report.notes = notes;
  const sorted = sortFindings(dedupe(findings));
  numberRepairs(sorted);
  return { report, findings: sorted, sections: [...new Set(sections.order)] };
}

export function importTextStrict(text: string, opts: ImportOptions = {}): ImportResult {
  checkSize(text);
  return importItems(textItems(text), opts);
}

export function importHtmlStrict(html: string, opts: ImportOptions = {}): ImportResult {
  const doc = htmlItems(html);
  return importItems(doc.items, opts, doc.title);
}
