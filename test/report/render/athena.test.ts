/**
 * The Athena table of a year's open data (report/render/athena.ts) reads what the builder writes: every key of a
 * JSON Lines record — of a report in the year's format and of one filed in the other — is one of its columns under
 * the name Athena's OpenX JSON SerDe gives it (lowercase, dots as underscores), with a type its values fit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../../report/format';
import { athenaColumns, athenaName, athenaTable } from '../../../report/render/athena';
import { reportToOpenData, yearColumns } from '../../../report/render/openData';
import { consistentReport } from '../../../harness/reports';

const YEAR = 2025;
const LOCATION = 's3://nianbao-prod-publishedbucket-abc/open-data/2025/jsonl/';

/** A record as a JSON Lines page holds it. */
const recordOf = (format: '2019' | '2021', seed: number) =>
  JSON.parse(
    JSON.stringify(
      reportToOpenData(
        { ...consistentReport({ format, seed, max: 500 }), year: YEAR },
        {
          agencyId: 'yiyang-hrss',
          version: 3,
          publishedAt: '2026-01-20T08:00:00.000Z',
          url: 'https://example.gov.cn/published/2025/r/yiyang-hrss.html',
        },
      ),
    ),
  ) as Record<string, unknown>;

test('every key of a record of either format is a column, named as the SerDe reads it, typed for its values', () => {
  const columns = new Map(athenaColumns(YEAR).map((c) => [c.name, c]));
  expect(columns.size).toBe(yearColumns(YEAR).length);
  for (const [format, seed] of [
    ['2021', 1],
    ['2019', 2],
    ['2021', 3],
  ] as const) {
    const record = recordOf(format, seed);
    expect(Object.keys(record).length).toBe(7 + FORMATS[format].cells.length);
    for (const [key, value] of Object.entries(record)) {
      const column = columns.get(athenaName(key));
      expect([key, column?.key]).toEqual([key, key]);
      if (value === null) continue;
      const fits =
        column!.type === 'string'
          ? typeof value === 'string'
          : column!.type === 'double'
            ? typeof value === 'number'
            : Number.isInteger(value);
      expect([key, column!.type, fits]).toEqual([key, column!.type, true]);
    }
  }
  expect(columns.get('t3_granted_natural')).toMatchObject({ type: 'bigint', label: '表三/（一）予以公开/自然人' });
  expect(columns.get('agencyid')).toMatchObject({ type: 'string', label: '机关编号' });
});

test('the statement: one line per column with its official name, the SerDe reading dots, the folder of the year', () => {
  const ddl = athenaTable(YEAR, LOCATION);
  const lines = ddl.split('\n');
  expect(lines[0]).toBe('CREATE EXTERNAL TABLE IF NOT EXISTS nianbao_open_data_2025 (');
  const columnLines = lines.filter((l) => l.startsWith('  `'));
  expect(columnLines.length).toBe(yearColumns(YEAR).length);
  expect(columnLines).toContain("  `t3_granted_natural` bigint COMMENT '表三/（一）予以公开/自然人',");
  expect(columnLines[columnLines.length - 1]!.endsWith(',')).toBe(false);
  expect(ddl).toContain("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'");
  expect(ddl).toContain("WITH SERDEPROPERTIES ('dots.in.keys' = 'true')");
  expect(lines[lines.length - 1]).toBe(`LOCATION '${LOCATION}';`);
  expect(
    athenaTable(YEAR, LOCATION, 'gov_open_2025').startsWith('CREATE EXTERNAL TABLE IF NOT EXISTS gov_open_2025 ('),
  ).toBe(true);
  // Nothing of a caller's text reaches the statement unchecked.
  expect(() => athenaTable(YEAR, "s3://b/open-data/2025/jsonl/'; DROP TABLE x; --/")).toThrow(/location/);
  expect(() => athenaTable(YEAR, 's3://b/open-data/2025/jsonl')).toThrow(/location/);
  expect(() => athenaTable(YEAR, LOCATION, 'open-data')).toThrow(/table name/);
});

test('the columns the admin guide queries exist', () => {
  const names = new Set(athenaColumns(YEAR).map((c) => c.name));
  for (const file of ['admin-guide.md', 'admin-guide.en.md']) {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', file), 'utf8');
    const sql = [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
    const used = [...sql.matchAll(/\bt\d_[a-z0-9_]+/g)].map((m) => m[0]);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((n) => !names.has(n))).toEqual([]);
  }
});
