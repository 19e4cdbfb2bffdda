/**
 * A year's open data as one Amazon Athena table. The JSON Lines pages of every node of a year lie side by side in one
 * folder (open-data/<year>/jsonl/ of the published bucket) and share the year's columns (yearColumns), so one
 * external table over that folder reads the whole year, every node and page, as it is published — nothing is copied
 * or converted. Athena's OpenX JSON SerDe reads keys lowercased and, with `dots.in.keys`, a cell id's dots as
 * underscores: `t3.granted.natural` is the column t3_granted_natural; each column carries its official name.
 */
import { FORMATS } from '../format';
import type { ValueKind } from '../format/types';
import { yearColumns } from './openData';

export type AthenaType = 'string' | 'int' | 'bigint' | 'double';

export interface AthenaColumn {
  /** The column's name in Athena. */
  readonly name: string;
  /** The record's key it reads. */
  readonly key: string;
  readonly type: AthenaType;
  /** The official name (the CSV header's), as the column's comment. */
  readonly label: string;
}

/** The record's fields other than cells (report/render/openData.ts META_COLUMNS) and what they hold. */
const META_TYPES: Readonly<Record<string, AthenaType>> = {
  agencyId: 'string',
  agency: 'string',
  year: 'int',
  format: 'string',
  version: 'int',
  publishedAt: 'string',
  url: 'string',
};

const CELL_TYPES: Readonly<Record<ValueKind, AthenaType>> = {
  count: 'bigint',
  signedCount: 'bigint',
  fee: 'double',
  amount: 'double',
};

/** The SerDe's name for a key: lowercase, dots as underscores. */
export const athenaName = (key: string): string => key.toLowerCase().replace(/\./g, '_');

function typeOf(key: string): AthenaType {
  const meta = META_TYPES[key];
  if (meta) return meta;
  for (const format of Object.values(FORMATS)) {
    const cell = format.cellById.get(key);
    if (cell) return CELL_TYPES[cell.kind];
  }
  throw new Error(`open-data column ${key} has no Athena type`);
}

/** The table's columns: the year's open-data columns, in their order. */
export function athenaColumns(year: number): AthenaColumn[] {
  const columns = yearColumns(year).map((c) => ({
    name: athenaName(c.key),
    key: c.key,
    type: typeOf(c.key),
    label: c.label,
  }));
  const seen = new Set<string>();
  for (const c of columns) {
    if (!/^[a-z][a-z0-9_]*$/.test(c.name) || seen.has(c.name))
      throw new Error(`open-data column ${c.key} reads as ${c.name}`);
    seen.add(c.name);
  }
  return columns;
}

const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * CREATE EXTERNAL TABLE for a year's open data at `location` (s3://<published bucket>/open-data/<year>/jsonl/), as
 * `table` (default nianbao_open_data_<year>).
 */
export function athenaTable(year: number, location: string, table = `nianbao_open_data_${year}`): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`table name ${table}: lowercase letters, digits and _ only`);
  if (!/^s3:\/\/[^\s'\\]+\/$/.test(location)) throw new Error(`location ${location}: an s3:// folder ending in /`);
  const columns = athenaColumns(year).map((c) => `  \`${c.name}\` ${c.type} COMMENT ${literal(c.label)}`);
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (`,
    columns.join(',\n'),
    ')',
    `COMMENT ${literal(`${year} 年度政府信息公开工作年度报告开放数据 / open data of the ${year} annual reports`)}`,
    "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'",
    "WITH SERDEPROPERTIES ('dots.in.keys' = 'true')",
    `LOCATION ${literal(location)};`,
  ].join('\n');
}
