/**
 * The runtime schema of the JSON interchange form, derived from the format definitions: a report's `values` may
 * hold exactly the cells of its format. Numbers written as strings ("3", "３") become numbers; other text is kept
 * for the rules to report (TYPE-INT), so the schema checks shape and the rules check content.
 */
// The namespace import lets esbuild leave out what is not used (`import { z }` drags in every locale: ~350 KB more).
import * as z from 'zod';
import { FORMAT_2019, FORMAT_2021, PROSE_SECTIONS, TABLE_SECTIONS } from '../format';
import type { FormatDef, ProseSectionId, TableSectionId } from '../format/types';
import { parseCellText } from '../model/value';
import type { Report } from '../model/types';

export const MAX_TEXT_CHARS = 100_000;
export const MAX_CELL_TEXT_CHARS = 200;

const cellValue = z
  .union([z.number().finite(), z.string().max(MAX_CELL_TEXT_CHARS), z.null()])
  .transform((v) => (typeof v === 'string' ? parseCellText(v) : v))
  .meta({
    id: 'CellValue',
    description:
      '数字；null 为空白（不等于 0）；文字按原样保留以便校验 / a number; null is blank (not 0); text is kept as written, for the checks',
  });

const prose = z.string().max(MAX_TEXT_CHARS).nullable();

const optionalCell = cellValue.optional();

/**
 * One format's schema. Each zod schema is an object with its own methods, costly to make: validation shares one
 * optional cell for every cell; only the JSON Schema (`described`) names each cell, which takes a schema per cell.
 */
function reportSchemaFor(format: FormatDef, described: boolean) {
  const values = Object.fromEntries(
    format.cells.map((c) => [
      c.id,
      described ? optionalCell.describe(`表${c.table}「${c.row}」行「${c.column}」列`) : optionalCell,
    ]),
  );
  return z.strictObject({
    format: z.literal(format.version),
    agency: z.string().trim().min(1).max(200).nullable(),
    year: z.number().int().min(2008).max(2100).nullable(),
    preamble: prose.optional(),
    sections: z.strictObject(
      Object.fromEntries(PROSE_SECTIONS.map((id) => [id, prose])) as Record<ProseSectionId, typeof prose>,
    ),
    notes: z
      .strictObject(
        Object.fromEntries(TABLE_SECTIONS.map((id) => [id, prose.optional()])) as Record<
          TableSectionId,
          ReturnType<typeof prose.optional>
        >,
      )
      .optional()
      .describe('表二、三、四旁的说明文字 / prose beside tables 二、三、四'),
    values: z.strictObject(values),
  });
}

type ReportSchemaType = z.ZodDiscriminatedUnion<
  [ReturnType<typeof reportSchemaFor>, ReturnType<typeof reportSchemaFor>]
>;
let schema: ReportSchemaType | undefined;

const bothFormats = (described: boolean): ReportSchemaType =>
  z.discriminatedUnion('format', [reportSchemaFor(FORMAT_2021, described), reportSchemaFor(FORMAT_2019, described)]);

/** The schema of both formats, built on first use: only JSON input needs it (a workbook is read from its cells). */
export function reportSchema(): ReportSchemaType {
  return (schema ??= bothFormats(false));
}

export interface SchemaIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; report: Report } | { ok: false; issues: SchemaIssue[] };

/** Parses untrusted JSON (already JSON.parse'd) into a Report, or lists what is wrong with its shape. */
export function parseReport(input: unknown): ParseResult {
  const r = reportSchema().safeParse(input);
  if (r.success) {
    const data = r.data;
    const values: Report['values'] = {};
    for (const [k, v] of Object.entries(data.values)) if (v !== undefined) values[k] = v as Report['values'][string];
    return { ok: true, report: { ...data, values } };
  }
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** The JSON Schema of the interchange form (written to report/schema/report.schema.json by `npm run schema`). */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(bothFormats(true), { io: 'input', target: 'draft-2020-12' });
}
