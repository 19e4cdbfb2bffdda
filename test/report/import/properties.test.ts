/**
 * Properties (fast-check, ≥ 1000 runs each): importing never throws, whatever the input, and what it returns is
 * well-formed; a consistent report written out as published copies look comes back with the same values.
 * The strict core is called too, so a fault is seen here rather than turned into a finding.
 */
import fc from 'fast-check';
import { FORMATS, reportTitle } from '../../../report/format';
import type { FormatVersion } from '../../../report/format/types';
import { importHtml, importText, type ImportResult } from '../../../report/import';
import { importHtmlStrict, importTextStrict } from '../../../report/import/importer';
import type { Report } from '../../../report/model/types';
import { RULE_BY_CODE, validate } from '../../../report/rules';
import { consistentReport } from '../../../harness/reports';
import { example, fixture, toFlatText, toHtml } from './serialise';

const RUNS = { numRuns: 1000 };
jest.setTimeout(300_000);

const IMPORT_RULES = new Set(['SHAPE-ROW', 'FORMAT-SECTIONS', 'FORMAT-LABEL', 'FORMAT-VERSION']);

/**
 * What any import result must be: a report of one format with exactly its cells, values that are numbers, text or
 * blank, findings of the import rules only with their registered severity, cells named officially, repairs of the
 * finding's own cells; and the engine can validate it. Problems are collected and asserted once (fast).
 */
function wellFormed(result: ImportResult): void {
  const { report, findings } = result;
  const problems: string[] = [];
  const format = FORMATS[report.format];
  if (!format) throw new Error(`unknown format ${String(report.format)}`);
  const keys = Object.keys(report.values);
  if (keys.length !== format.cells.length || !keys.every((k) => format.cellById.has(k)))
    problems.push('cells differ from the format');
  for (const [id, v] of Object.entries(report.values)) {
    if (!(v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))))
      problems.push(`${id}: ${String(v)}`);
  }
  for (const f of findings) {
    if (!IMPORT_RULES.has(f.rule)) problems.push(`rule ${f.rule}`);
    if (f.severity !== RULE_BY_CODE.get(f.rule)?.severity) problems.push(`${f.rule} severity ${f.severity}`);
    if (!f.message.zh || !f.message.en) problems.push(`${f.rule} without a message`);
    for (const c of f.cells) {
      const def = format.cellById.get(c.id);
      if (!def || def.row !== c.row || def.column !== c.column || def.table !== c.table)
        problems.push(`${f.rule} names ${c.id} wrongly`);
    }
    const ids = new Set(f.cells.map((c) => c.id));
    for (const r of f.repairs ?? [])
      if (!Object.keys(r.values).every((id) => ids.has(id))) problems.push(`${f.rule} repairs other cells`);
  }
  validate(report, { inputFindings: findings });
  expect(problems).toEqual([]);
}

const seed = example('yiyang-hrss-2021.txt');
const seedLines = seed.split('\n');
const vocabulary = [
  ...seedLines.filter((l) => l.length < 80),
  ...FORMATS['2021'].cells.map((c) => c.row),
  ...FORMATS['2019'].cells.map((c) => c.column),
  ...FORMATS['2021'].sections.map((s) => s.heading),
  '|',
  '||',
  '|||',
  '...',
  '……',
  ',1',
  '减4',
  '/',
  '—',
  '-3',
  '8.97723',
  '１２',
  '规章(县级无此项)',
  '(二)部分公开(区分处理的,只计这一情况,不计其他情形)',
  '某县交通运输局2020年政府信息公开工作年度报告',
];

describe('importText never throws', () => {
  it('on random strings (any code units)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        expect(() => importTextStrict(s)).not.toThrow();
        wellFormed(importText(s));
      }),
      RUNS,
    );
  });

  it('on random sequences of the report’s own words, separators and elisions', () => {
    const piece = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -5, max: 99 }).map(String),
    );
    const joiner = fc.constantFrom('\n', ' | ', '|', ' ', '');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(piece, joiner), { maxLength: 120 }),
        fc.option(fc.integer({ min: 2015, max: 2030 })),
        (parts, year) => {
          const text = parts.map(([p, j]) => p + j).join('');
          const opts = year === null ? {} : { year };
          expect(() => importTextStrict(text, opts)).not.toThrow();
          wellFormed(importText(text, opts));
        },
      ),
      RUNS,
    );
  });

  it('on the seed with lines deleted, duplicated and shuffled', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({
        op: fc.constant('shuffle' as const),
        at: fc.nat(),
        length: fc.integer({ min: 2, max: 40 }),
        by: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const lines = [...seedLines];
        for (const e of edits) {
          if (lines.length === 0) break;
          const i = e.at % lines.length;
          if (e.op === 'delete') lines.splice(i, 1);
          else if (e.op === 'duplicate') lines.splice(i, 0, lines[i]!);
          else if (e.op === 'swap') {
            const j = e.to % lines.length;
            [lines[i], lines[j]] = [lines[j]!, lines[i]!];
          } else {
            const slice = lines.slice(i, i + e.length);
            const rotated = [...slice.slice(e.by % slice.length), ...slice.slice(0, e.by % slice.length)].reverse();
            lines.splice(i, slice.length, ...rotated);
          }
        }
        const text = lines.join('\n');
        expect(() => importTextStrict(text, { year: 2021 })).not.toThrow();
        wellFormed(importText(text, { year: 2021 }));
      }),
      RUNS,
    );
  });
});

describe('importHtml never throws', () => {
  it('on random tag soup (tables with odd spans, unclosed and stray tags, entities, comments)', () => {
    const tag = fc.constantFrom(
      'table',
      'tbody',
      'thead',
      'tr',
      'td',
      'th',
      'p',
      'div',
      'span',
      'br',
      'b',
      'font',
      'script',
      'style',
      'title',
      'nav',
      'h1',
      'li',
    );
    const attr = fc.oneof(
      fc.constant(''),
      fc
        .constantFrom('rowspan', 'colspan')
        .chain((a) => fc.constantFrom('0', '-1', '2', '3', '22', 'abc', '99999', '').map((v) => ` ${a}="${v}"`)),
      fc.constantFrom(' class="footer"', ' class="content"', ' id="zoom"', ' style="display:none"'),
    );
    const piece = fc.oneof(
      fc.tuple(tag, attr).map(([t, a]) => `<${t}${a}>`),
      tag.map((t) => `</${t}>`),
      fc.constantFrom(...vocabulary).map((v) => v.replace(/</g, '&lt;')),
      fc.constantFrom(
        '&nbsp;',
        '&amp;',
        '&#12288;',
        '&#x4e00;',
        '&bogus;',
        '<!-- x -->',
        '<!DOCTYPE html>',
        '<![CDATA[ y ]]>',
        '<',
        '>',
        '"',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 150 }), (pieces) => {
        const html = pieces.join('');
        expect(() => importHtmlStrict(html)).not.toThrow();
        wellFormed(importHtml(html));
      }),
      RUNS,
    );
  });

  it('on the seed page cut off at any point', () => {
    const page = fixture('yiyang-hrss-2021.html');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: page.length }), (at) => {
        const html = page.slice(0, at);
        expect(() => importHtmlStrict(html)).not.toThrow();
        wellFormed(importHtml(html));
      }),
      RUNS,
    );
  });
});

/** Prose that is plainly prose: no digits that could be headings, no page-tool words. */
const proseLine = fc.string({
  unit: fc.constantFrom(...'政府信息公开工作我局推进规范平台建设数据服务，。（）《》'),
  minLength: 1,
  maxLength: 40,
});
const proseText = fc.option(fc.array(proseLine, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')));

function arbitraryReport(): fc.Arbitrary<Report> {
  return fc
    .record({
      seed: fc.integer(),
      version: fc.constantFrom<FormatVersion>('2021', '2019'),
      max: fc.constantFrom(1, 5, 30),
      overview: proseText,
      problems: proseText,
      other: proseText,
    })
    .map(({ seed, version, max, overview, problems, other }) => {
      const r = consistentReport({ seed, format: version, max });
      return { ...r, sections: { overview, problems, other } };
    });
}

describe('a consistent report, published, comes back the same', () => {
  it('as the flattened text (one cell a line or a row a line, half-width, spaces inside labels)', () => {
    const style = fc.record({ rowPerLine: fc.boolean(), spaced: fc.boolean(), halfWidth: fc.boolean() });
    fc.assert(
      fc.property(arbitraryReport(), style, (report, s) => {
        const text = toFlatText(report, s, { title: reportTitle(report.agency!, report.year!) });
        const { report: back, findings } = importTextStrict(text);
        expect(findings).toEqual([]);
        expect(back.values).toEqual(report.values);
        expect(back.sections).toEqual(report.sections);
        expect([back.format, back.agency, back.year]).toEqual([report.format, report.agency, report.year]);
      }),
      RUNS,
    );
  });

  it('as an HTML page drawn from the official grids (rowspan/colspan), blank cells included', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.array(fc.nat(), { maxLength: 6 }), (report, blanks) => {
        const cells = FORMATS[report.format].cells;
        const values = { ...report.values };
        for (const b of blanks) values[cells[b % cells.length]!.id] = null;
        const published = { ...report, values };
        const html = toHtml(published, reportTitle(report.agency!, report.year!));
        const { report: back, findings } = importHtmlStrict(html);
        expect(findings).toEqual([]);
        expect(back.values).toEqual(values);
        expect(back.sections).toEqual(report.sections);
        expect([back.format, back.agency, back.year]).toEqual([report.format, report.agency, report.year]);
      }),
      RUNS,
    );
  });
});
