/**
 * A published report as the lines of the published files: its index row (HTML), its CSV row and its JSON Lines
 * record, all three starting with its agency id, so that a page of any of them is kept in agency id order and a
 * report's line is found, replaced or removed without reading the others.
 */
import { publishedPaths } from '../../contract/published';
import { FORMATS } from '../../report/format';
import type { Report } from '../../report/model/types';
import {
  csvRow,
  indexRow,
  openDataRecord,
  yearColumns,
  type OpenDataColumn,
  type OpenDataRecord,
  type OpenDataValue,
} from '../../report/render';
import { readEnv } from '../env';
import type { PublicEntry } from '../store';

/** The public origin the published files link to (https://…, no trailing slash); '' leaves links root-relative. */
export function siteUrl(): string {
  return readEnv().publicBaseUrl ?? '';
}

const columns = new Map<number, OpenDataColumn[]>();

/** The open-data columns of a reporting year (the same for every file of the year). */
export function columnsOf(year: number): OpenDataColumn[] {
  let c = columns.get(year);
  if (!c) columns.set(year, (c = yearColumns(year)));
  return c;
}

/** A report's cell values as one JSON array, in the order of its format's cells (what an entry stores). */
export function cellsOf(report: Pick<Report, 'format' | 'values'>): string {
  return JSON.stringify(FORMATS[report.format].cells.map((c) => report.values[c.id] ?? null));
}

/** The open-data record of a published entry. */
export function entryRecord(e: PublicEntry): OpenDataRecord {
  const format = FORMATS[e.format!];
  const values = JSON.parse(e.cells ?? '[]') as OpenDataValue[];
  const at = new Map(format.cells.map((c, i) => [c.id, i]));
  return openDataRecord(
    { agency: e.name ?? e.agency, year: e.year, format: format.version },
    (id) => values[at.get(id)!],
    {
      agencyId: e.agency,
      version: e.version!,
      publishedAt: e.publishedAt!,
      url: siteUrl() + publishedPaths.report(e.agency, e.year),
    },
  );
}

/** A report's lines on its page: the index row as text, the open-data lines as the bytes stored. */
export interface EntryLines {
  readonly html: string;
  readonly csv: Buffer;
  readonly jsonl: Buffer;
}

export function entryLines(e: PublicEntry): EntryLines {
  const record = entryRecord(e);
  return {
    html: indexRow({
      agencyId: e.agency,
      agency: e.name ?? e.agency,
      year: e.year,
      version: e.version!,
      publishedAt: e.publishedAt!,
      // Root-relative: the pages link within whichever host serves them.
      url: publishedPaths.report(e.agency, e.year),
    }),
    csv: Buffer.from(csvRow(record, columnsOf(e.year))),
    jsonl: Buffer.from(JSON.stringify(record)),
  };
}
