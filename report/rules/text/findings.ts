/** Shared bits of the TEXT rules' findings. */
import type { FormatDef, SectionId } from '../../format/types';
import type { Bilingual, CellRef, Finding, Severity } from '../../model/types';

/** A section's official heading (一、总体情况). */
export function sectionHeading(format: FormatDef, id: SectionId): string {
  return format.sections.find((s) => s.id === id)?.heading ?? id;
}

export function textFinding(
  rule: string,
  severity: Severity,
  section: SectionId,
  excerpt: string,
  message: Bilingual,
  cells: CellRef[],
): Finding {
  return { rule, severity, message, cells, section, excerpt };
}
