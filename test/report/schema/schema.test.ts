import { readFileSync } from 'node:fs';
import { parseReport } from '../../../report/schema';
import { SCHEMA_PATH, schemaText } from '../../../build/schema';
import { consistentReport } from '../../../harness/reports';

describe('the JSON interchange form', () => {
  it('a report round-trips through JSON unchanged; blank (null) and 0 stay distinct', () => {
    const r = consistentReport({ seed: 3 });
    r.values['t3.granted.natural'] = null;
    r.values['t3.partial.natural'] = 0;
    const parsed = parseReport(JSON.parse(JSON.stringify(r)));
    expect(parsed.ok && parsed.report).toEqual(r);
    if (parsed.ok) {
      expect(parsed.report.values['t3.granted.natural']).toBeNull();
      expect(parsed.report.values['t3.partial.natural']).toBe(0);
    }
  });

  it('numbers written as strings become numbers; other text is kept for the rules', () => {
    const r = consistentReport();
    const json = JSON.parse(JSON.stringify(r));
    json.values['t3.new.natural'] = ' ３ ';
    json.values['t3.new.business'] = '减4';
    json.values['t3.new.research'] = '';
    const parsed = parseReport(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.values['t3.new.natural']).toBe(3);
    expect(parsed.report.values['t3.new.business']).toBe('减4');
    expect(parsed.report.values['t3.new.research']).toBeNull();
  });

  it('refuses unknown cells, a cell of the other format, a wrong year and missing sections, saying where', () => {
    const base = () => JSON.parse(JSON.stringify(consistentReport()));
    type Json = { values: Record<string, unknown>; [k: string]: unknown };
    const cases: [(j: Json) => void, string][] = [
      [(j) => (j.values['t3.bogus.natural'] = 1), 'values'],
      [(j) => (j.values['t3.other.natural'] = 1), 'values'],
      [(j) => (j.year = 1999), 'year'],
      [(j) => delete j.sections, 'sections'],
      [(j) => (j.format = '2020'), 'format'],
      [(j) => (j.values['t3.new.natural'] = { x: 1 }), 'values.t3.new.natural'],
    ];
    for (const [mutate, path] of cases) {
      const j = base();
      mutate(j);
      const parsed = parseReport(j);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.issues.map((i) => i.path).join(' ')).toContain(path);
    }
    expect(parseReport('not an object').ok).toBe(false);
    expect(parseReport(null).ok).toBe(false);
  });

  it('report/schema/report.schema.json is generated from the schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
    const schema = JSON.parse(schemaText());
    expect(schema.oneOf).toHaveLength(2);
    expect(schema.oneOf[0].properties.values.properties['t3.new.natural'].description).toBe(
      '表三「一、本年新收政府信息公开申请数量」行「自然人」列',
    );
  });
});
