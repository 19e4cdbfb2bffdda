/**
 * One example per rule for docs/rules.md: a small, clean report with one fault put in, run through the real rules
 * (or the real importer, for the rules found while reading). The message shown is what the product says, never
 * text written for the page. A new rule adds its example here; the docs test fails until it does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../report/format';
import { importText } from '../../report/import';
import { reportFromJson } from '../../report/input';
import { emptyReport } from '../../report/model';
import type { Finding, Report } from '../../report/model/types';
import { validate } from '../../report/rules';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt');
const CHANGCHUN = join(ROOT, 'test', 'fixtures', 'examples', 'changchun-xinqu-kjj-2023.excerpt.txt');

/** A 2024 report in which nothing happened: every cell 0, prose that names no counts and states the fees. */
function cleanReport(year = 2024): Report {
  const report = emptyReport({ format: '2021', year, agency: '示例市示例局' });
  for (const c of FORMATS['2021'].cells) report.values[c.id] = 0;
  report.sections = {
    overview: `${year}年，本机关坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作，完善政府信息管理制度。`,
    problems: '存在的主要问题是公开内容的深度和广度仍需拓展。下一步将加强政策解读，推进政府信息公开标准化、规范化。',
    other: '本年度未发出收费通知，未收取信息处理费。',
  };
  return report;
}

function withValues(values: Record<string, number | string | null>, report = cleanReport()): Report {
  return { ...report, values: { ...report.values, ...values } };
}

function withSection(id: keyof Report['sections'], text: string, report = cleanReport()): Report {
  return { ...report, sections: { ...report.sections, [id]: text } };
}

function imported(path: string, year: number): Finding[] {
  const { report, findings } = importText(readFileSync(path, 'utf8'), { year });
  return validate(report, { inputFindings: findings });
}

/** Rule code → the findings of a report that breaks it (the first finding with that code is shown). */
export const RULE_EXAMPLES: Readonly<Record<string, () => Finding[]>> = {
  'TYPE-INT': () => validate(withValues({ 't3.new.natural': '减4' })),
  'TYPE-BLANK': () => validate(withValues({ 't3.new.business': null })),
  'TYPE-FEE': () => validate(withValues({ 't2.fees.amount': 8.97723 })),
  'T3-ROW-SUM': () => validate(withValues({ 't3.new.natural': 3, 't3.new.total': 2 })),
  'T3-RESULT-SUM': () => validate(withValues({ 't3.granted.natural': 1, 't3.granted.total': 1 })),
  'T3-BALANCE': () =>
    validate(withValues({ 't3.new.natural': 2, 't3.new.total': 2, 't3.granted.natural': 1, 't3.granted.total': 1 })),
  'T3-BOUNDS': () =>
    validate(
      withValues({ 't3.granted.natural': 1, 't3.granted.total': 1, 't3.total.natural': 1, 't3.total.total': 1 }),
    ),
  'T4-GROUP-SUM': () => validate(withValues({ 't4.review.upheld': 1 })),
  'T4-SCOPE': () => validate(withValues({ 't4.review.upheld': 8, 't4.review.total': 8 })),
  'SHAPE-ROW': () => imported(SEED, 2021),
  'FORMAT-SECTIONS': () => validate(withSection('problems', '')),
  'FORMAT-VERSION': () =>
    validate({ ...emptyReport({ format: '2019', year: 2021 }), sections: cleanReport().sections }),
  'FORMAT-LABEL': () => imported(CHANGCHUN, 2023),
  'YEAR-CARRY': () =>
    validate(cleanReport(), { previous: withValues({ 't3.carryOver.natural': 2 }, cleanReport(2023)) }),
  'YEAR-IN-FORCE': () =>
    validate(cleanReport(), { previous: withValues({ 't2.normative.inForce': 12 }, cleanReport(2023)) }),
  'YEAR-COPY': () => validate(cleanReport(), { previous: cleanReport(2023) }),
  'TEXT-COUNT': () => validate(withSection('overview', '2024年，本机关共收到政府信息公开申请6件，均已按时答复。')),
  'TEXT-CLAIM': () =>
    validate(
      withSection(
        'overview',
        '2024年，本机关依法办理政府信息公开申请，因政府信息公开引发的行政复议均获维持。',
        withValues({ 't4.review.corrected': 1, 't4.review.total': 1 }),
      ),
    ),
  'TEXT-CATEGORY': () => imported(SEED, 2021),
  'TEXT-UNIT': () =>
    validate(
      withSection(
        'overview',
        '2024年，本机关共收到政府信息公开申请3条。',
        withValues({ 't3.new.natural': 3, 't3.new.total': 3, 't3.carryOver.natural': 3, 't3.carryOver.total': 3 }),
      ),
    ),
  'TEXT-FEE': () => validate(withSection('other', '本年度无其他需要报告的事项。')),
  'AGENCY-NAME': () => validate(cleanReport(), { registeredName: '示例市人民政府示例局' }),
  // A name that reads 示例市示例局 on screen, with an override and a zero-width space in it, read as JSON.
  'TEXT-INVISIBLE': () => {
    const loaded = reportFromJson({ ...cleanReport(), agency: '示例市\u202e局例示\u202c\u200b' });
    return validate(loaded.report, { inputFindings: loaded.findings });
  },
  'CONSOLIDATION-DIFF': () =>
    validate(withValues({ 't3.new.natural': 3, 't3.new.total': 3, 't3.granted.natural': 3, 't3.granted.total': 3 }), {
      consolidated: { values: { ...cleanReport().values, 't3.new.natural': 2, 't3.new.total': 2 }, reports: 4 },
    }),
};

/** The example finding of a rule, or undefined when it has no example or the example does not produce it. */
export function exampleFinding(code: string): Finding | undefined {
  return RULE_EXAMPLES[code]?.().find((f) => f.rule === code);
}
