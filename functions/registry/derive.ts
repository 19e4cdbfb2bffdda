/**
 * From checked rows to registry records: references resolved against the file and the agencies already
 * registered, the hierarchy's rules held (a department belongs to a government of its level; a government to one
 * of a higher level; offices are governments), each record's path (its ancestors) and publication setting derived.
 * Pure: the store loads what the rows refer to and writes what comes out.
 */
import type { Bilingual } from '../../contract/bilingual';
import {
  DEFAULT_OFFICE_SETTINGS,
  LEGAL_DEADLINES,
  LEVELS,
  type AgencyRecord,
  type ImportLineError,
  type OfficeSettings,
  type PublishOn,
} from '../../contract/registry';
import type { RegistryRow } from './rows';

const rank = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);

/** A government's office settings from its row (defaults where a column is empty: the file is the truth). */
function settingsOf(row: RegistryRow): OfficeSettings | undefined {
  if (row.kind !== '政府') return undefined;
  const deadlines =
    row.departmentDeadline || row.governmentDeadline
      ? {
          departments: row.departmentDeadline ?? LEGAL_DEADLINES.departments,
          governments: row.governmentDeadline ?? LEGAL_DEADLINES.governments,
        }
      : undefined;
  return {
    publishOn: row.publishOn ?? DEFAULT_OFFICE_SETTINGS.publishOn,
    consolidate: row.consolidate ?? DEFAULT_OFFICE_SETTINGS.consolidate,
    ...(deadlines ? { deadlines } : {}),
  };
}

/** When the reports an office reviews become public; on submission where nobody reviews. */
export function publishOnUnder(office: Pick<AgencyRecord, 'settings'> | undefined): PublishOn {
  return office ? (office.settings?.publishOn ?? DEFAULT_OFFICE_SETTINGS.publishOn) : 'submission';
}

export interface Derived {
  readonly records: AgencyRecord[];
  readonly errors: ImportLineError[];
}

/**
 * Records for the rows. `existing` answers for agencies outside the file (registered before). Errors name the row's
 * line; with any error, no record is returned.
 */
export function deriveRecords(
  rows: readonly RegistryRow[],
  existing: ReadonlyMap<string, AgencyRecord>,
  now: string,
): Derived {
  const inFile = new Map(rows.map((r) => [r.agency, r]));
  const errors: ImportLineError[] = [];
  const fail = (row: RegistryRow, column: string, message: Bilingual) =>
    errors.push({ line: row.line, column, message });
  type Ref = { kind: string; level: string; line?: number };
  const lookup = (id: string): Ref | undefined => {
    const r = inFile.get(id);
    if (r) return r;
    const e = existing.get(id);
    return e ? { kind: e.kind, level: e.level } : undefined;
  };
  for (const row of rows) {
    if (row.parent) {
      const p = lookup(row.parent);
      if (!p)
        fail(row, '上级政府（parent）', {
          zh: `上级政府 ${row.parent} 既不在文件中也未登记`,
          en: `the parent ${row.parent} is neither in the file nor registered`,
        });
      else if (p.kind !== '政府')
        fail(row, '上级政府（parent）', {
          zh: `${row.parent} 是部门，上级只能是政府`,
          en: `${row.parent} is a department; a parent is a government`,
        });
      else if (row.kind === '部门' && p.level !== row.level)
        fail(row, '层级（level）', {
          zh: `部门的层级（${row.level}）应与所属政府 ${row.parent} 的层级（${p.level}）相同`,
          en: `a department's level (${row.level}) is its government's (${row.parent}: ${p.level})`,
        });
      else if (row.kind === '政府' && rank(p.level) >= rank(row.level))
        fail(row, '层级（level）', {
          zh: `政府的上级政府 ${row.parent}（${p.level}）应高于其层级（${row.level}）`,
          en: `a government's parent ${row.parent} (${p.level}) must be above its level (${row.level})`,
        });
    }
    if (row.office) {
      const o = lookup(row.office);
      if (!o)
        fail(row, '审核机关（office）', {
          zh: `审核机关 ${row.office} 既不在文件中也未登记`,
          en: `the office ${row.office} is neither in the file nor registered`,
        });
      else if (o.kind !== '政府')
        fail(row, '审核机关（office）', {
          zh: `${row.office} 是部门：审核机关应为政府（其信息公开工作主管部门审核）`,
          en: `${row.office} is a department: an office is a government's`,
        });
    }
  }
  if (errors.length) return { records: [], errors };

  // Paths and settings, parents first (levels strictly rise up the chain, so the recursion ends).
  const settings = new Map<string, OfficeSettings | undefined>(rows.map((r) => [r.agency, settingsOf(r)]));
  const paths = new Map<string, readonly string[]>();
  const pathOf = (id: string): readonly string[] => {
    const known = paths.get(id);
    if (known) return known;
    const row = inFile.get(id);
    const p = row ? (row.parent ? [...pathOf(row.parent), row.parent] : []) : (existing.get(id)?.path ?? []);
    paths.set(id, p);
    return p;
  };
  const records = rows.map((row): AgencyRecord => {
    const office = row.office ?? row.parent;
    const officeSettings = office
      ? inFile.has(office)
        ? { settings: settings.get(office) }
        : existing.get(office)
      : undefined;
    const s = settings.get(row.agency);
    return {
      agency: row.agency,
      name: row.name,
      level: row.level,
      kind: row.kind,
      parent: row.parent,
      office,
      path: pathOf(row.agency),
      ...(row.email ? { email: row.email } : {}),
      ...(s ? { settings: s } : {}),
      publishOn: publishOnUnder(officeSettings),
      updatedAt: now,
    };
  });
  return { records, errors: [] };
}

/** Whether two records say the same (the update time aside): an import that changes nothing writes nothing. */
export function sameRecord(a: AgencyRecord | undefined, b: AgencyRecord): boolean {
  if (!a) return false;
  const strip = ({ updatedAt: _u, ...rest }: AgencyRecord) => rest;
  return canonical(strip(a)) === canonical(strip(b));
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The deadlines that hold for an agency: its province's (the top of its path, or itself), else the law's. */
export function deadlinesFor(
  record: Pick<AgencyRecord, 'path' | 'settings'>,
  top?: AgencyRecord,
): typeof LEGAL_DEADLINES {
  if (record.path.length === 0) return record.settings?.deadlines ?? LEGAL_DEADLINES;
  return top?.settings?.deadlines ?? LEGAL_DEADLINES;
}
