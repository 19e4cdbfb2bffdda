/**
 * Seeding a year with thousands of published reports for the scale bench, inside the stack's process and outside
 * any timing: the agencies are registered by the registry's own import (one CSV: provinces → cities → counties,
 * each government with its departments), their public entries are written straight to the table (the items the
 * builder's report step records, in batches), and the whole tree of index pages, open-data pages and manifests is
 * built by the builder's own tree build (functions/published/rebuild.ts buildTree). The per-report pages and
 * records are not written: no listing reads them, and each costs the same at any scale.
 */
import { cellsOf } from '../functions/published/lines';
import { buildTree } from '../functions/published/rebuild';
import { importRegistry, publicEntryItem, table, type PublicEntry } from '../functions/store';
import type { Report } from '../report/model/types';

export interface ScaleLayout {
  readonly provinces: number;
  readonly citiesPerProvince: number;
  readonly countiesPerCity: number;
  /** Departments of every government (each is a report too). */
  readonly departmentsPerGovernment: number;
}

export interface SeedRequest {
  readonly year: number;
  readonly prefix: string;
  readonly layout: ScaleLayout;
}

export interface SeedResult {
  readonly agencies: number;
  readonly governments: number;
  readonly nodes: number;
  /** Departments registered under the first county, each publishing on submission (for the publish timing). */
  readonly departments: readonly { readonly agency: string; readonly name: string }[];
  readonly ms: number;
}

export const agenciesOfLayout = (l: ScaleLayout): number => {
  const governments = l.provinces * (1 + l.citiesPerProvince * (1 + l.countiesPerCity));
  return governments * (1 + l.departmentsPerGovernment);
};

interface Row {
  readonly agency: string;
  readonly name: string;
  readonly level: '省' | '市' | '县';
  readonly kind: '政府' | '部门';
  readonly parent: string;
}

/** The registry rows of a layout: ids `${prefix}-p1`, `${prefix}-p1-c2`, `${prefix}-p1-c2-k3`, departments `…-d4`. */
export function rowsOf(prefix: string, l: ScaleLayout): Row[] {
  const rows: Row[] = [];
  const government = (agency: string, name: string, level: Row['level'], parent: string) => {
    rows.push({ agency, name: `${name}人民政府`, level, kind: '政府', parent });
    for (let d = 1; d <= l.departmentsPerGovernment; d++)
      rows.push({ agency: `${agency}-d${d}`, name: `${name}第${d}局`, level, kind: '部门', parent: agency });
  };
  for (let p = 1; p <= l.provinces; p++) {
    const pid = `${prefix}-p${p}`;
    government(pid, `测${p}省`, '省', '');
    for (let c = 1; c <= l.citiesPerProvince; c++) {
      const cid = `${pid}-c${c}`;
      government(cid, `测${p}省${c}市`, '市', pid);
      for (let k = 1; k <= l.countiesPerCity; k++) government(`${cid}-k${k}`, `测${p}省${c}市${k}县`, '县', cid);
    }
  }
  return rows;
}

/** Governments publish what they review on submission, so that a submission in the bench is a publication. */
export function registryCsv(rows: readonly Row[]): string {
  const lines = ['机关代码,机关名称,层级,类别,上级政府,公开方式'];
  for (const r of rows)
    lines.push([r.agency, r.name, r.level, r.kind, r.parent, r.kind === '政府' ? '报送后公开' : ''].join(','));
  return lines.join('\n') + '\n';
}

export async function seedScale(req: SeedRequest, seed: Report): Promise<SeedResult> {
  const started = Date.now();
  const rows = rowsOf(req.prefix, req.layout);
  const imported = await importRegistry(registryCsv(rows));
  if (!imported.ok) throw new Error(`registry import: ${JSON.stringify(imported.errors.slice(0, 3))}`);

  const report: Report = { ...seed, year: req.year };
  const cells = cellsOf(report);
  const publishedAt = `${req.year + 1}-01-20T02:00:00.000Z`;
  const entries = new Map<string, PublicEntry>();
  for (const r of rows) {
    entries.set(r.agency, {
      agency: r.agency,
      year: req.year,
      node: r.kind === '政府' ? r.agency : r.parent,
      // Below any revision a real version gives, so a submission in the bench replaces it as an update would.
      rev: 0,
      state: 'published',
      name: r.name,
      version: 1,
      publishedAt,
      format: report.format,
      cells,
    });
  }
  await table().db.batchWrite([...entries.values()].map((e) => ({ put: publicEntryItem(e) })));
  const manifests = await buildTree(req.year, entries, { parallel: 8 });

  const firstCounty = `${req.prefix}-p1-c1-k1`;
  return {
    agencies: rows.length,
    governments: rows.filter((r) => r.kind === '政府').length,
    nodes: manifests.size,
    departments: rows
      .filter((r) => r.parent === firstCounty && r.kind === '部门')
      .map((r) => ({ agency: r.agency, name: r.name })),
    ms: Date.now() - started,
  };
}
