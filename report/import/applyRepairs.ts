/**
 * Applying the repairs a person chose (by their ids, R1, R2 …) to an imported report: their figures go into the
 * cells, and the findings that offered them are settled. Pure: the task pane and the CLI apply them alike.
 */
import type { Finding, Report } from '../model/types';

export interface Repaired {
  report: Report;
  /** The findings left: those whose repair was applied are settled. */
  findings: Finding[];
  /** Ids asked for that no finding offers. */
  unknown: string[];
}

/** The ids of every repair offered, in order. */
export function repairIds(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => (f.repairs ?? []).flatMap((r) => (r.id ? [r.id] : [])));
}

export function applyRepairs(report: Report, findings: readonly Finding[], ids: readonly string[]): Repaired {
  const wanted = new Set(ids.map((id) => id.trim().toUpperCase()));
  const values = { ...report.values };
  const settled = new Set<Finding>();
  const found = new Set<string>();
  for (const f of findings) {
    for (const r of f.repairs ?? []) {
      if (!r.id || !wanted.has(r.id)) continue;
      Object.assign(values, r.values);
      settled.add(f);
      found.add(r.id);
    }
  }
  return {
    report: { ...report, values },
    findings: findings.filter((f) => !settled.has(f)),
    unknown: [...wanted].filter((id) => !found.has(id)),
  };
}
