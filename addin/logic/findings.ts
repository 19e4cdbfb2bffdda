/** Findings for the pane: grouped by severity with counts, and where in the workbook each one points. */
import { PROSE_SECTIONS, type ProseSectionId } from '../../report/format';
import type { Finding, Severity } from '../../report/model/types';
import { proseId, type WorkbookLayout } from '../../report/workbook/layout';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface FindingGroup {
  readonly severity: Severity;
  readonly findings: readonly Finding[];
}

export function groupBySeverity(findings: readonly Finding[]): FindingGroup[] {
  return SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) }));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Cells to select for a finding: one sheet (the first the finding names) and its cell addresses. */
export interface Target {
  readonly sheet: string;
  readonly addresses: readonly string[];
}

const PROSE_IDS: ReadonlySet<string> = new Set<ProseSectionId>(PROSE_SECTIONS);

export function findingTarget(layout: WorkbookLayout, finding: Finding): Target | undefined {
  const ids = finding.cells.map((c) => c.id);
  if (!ids.some((id) => layout.byId.has(id)) && finding.section && PROSE_IDS.has(finding.section))
    ids.push(proseId(finding.section as ProseSectionId));
  return targetOf(layout, ids);
}

/** Input ids → the cells to select: those on the sheet of the first one. */
export function targetOf(layout: WorkbookLayout, ids: readonly string[]): Target | undefined {
  const slots = ids.map((id) => layout.byId.get(id)).filter((s) => s !== undefined);
  const first = slots[0];
  if (!first) return undefined;
  const addresses = [...new Set(slots.filter((s) => s.sheet === first.sheet).map((s) => s.address))];
  return { sheet: first.sheet, addresses };
}

/** Findings about a prose section (TEXT-*, YEAR-COPY, …), for the section's editor. */
export function findingsForSection(findings: readonly Finding[], section: ProseSectionId): Finding[] {
  return findings.filter((f) => f.section === section);
}

/** A stable key for a finding in a list (React key). */
export function findingKey(f: Finding, i: number): string {
  return `${f.rule}|${f.cells.map((c) => c.id).join(',')}|${f.section ?? ''}|${i}`;
}

/** A short name for where a target is: 表三 E7 F7 / Table 三 E7 F7, or the prose sheet's heading. */
export function targetLabel(layout: WorkbookLayout, target: Target, lang: 'zh' | 'en'): string {
  const sheet = layout.sheets.find((s) => s.name === target.sheet);
  const cells =
    target.addresses.length > 4 ? `${target.addresses.slice(0, 4).join(' ')} …` : target.addresses.join(' ');
  if (sheet?.kind === 'table' && sheet.table) return `${lang === 'zh' ? '表' : 'Table '}${sheet.table} ${cells}`;
  return target.sheet;
}
