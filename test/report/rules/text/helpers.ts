/** Builders for the TEXT rule tests: reports by cell id, prose from the example reports. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { FORMATS } from '../../../../report/format';
import { emptyReport, type Finding, type Report } from '../../../../report/model';
import { validate } from '../../../../report/rules';
import { TEXT_RULES } from '../../../../report/rules/text';

const EXAMPLES = join(__dirname, '../../../fixtures/examples');

export function example(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

/** The text between two headings of an example (to the end when `to` is not found or not given). */
export function between(text: string, from: string, to?: string): string {
  const a = text.indexOf(from);
  if (a < 0) throw new Error(`heading ${from} not in example`);
  const b = to ? text.indexOf(to, a) : -1;
  return text.slice(a + from.length, b < 0 ? undefined : b).trim();
}

/** A report with every table 三 and 四 cell 0, then the given values. */
export function reportWith(opts: {
  year?: number;
  format?: '2021' | '2019';
  values?: Record<string, number | string | null>;
  overview?: string | null;
  problems?: string | null;
  other?: string | null;
}): Report {
  const r = emptyReport({ year: opts.year ?? 2023, ...(opts.format ? { format: opts.format } : {}) });
  for (const c of FORMATS[r.format].cells) if (c.table !== '二') r.values[c.id] = 0;
  Object.assign(r.values, opts.values ?? {});
  r.sections = { overview: opts.overview ?? null, problems: opts.problems ?? null, other: opts.other ?? null };
  return r;
}

export function textFindings(report: Report, code?: string): Finding[] {
  const all = validate(report, { rules: TEXT_RULES });
  return code ? all.filter((f) => f.rule === code) : all;
}

/** Section 六 that states the fees, so that TEXT-FEE stays quiet where a test is about something else. */
export const FEES_STATED = '本年度未发出收费通知，未收取信息处理费。';
