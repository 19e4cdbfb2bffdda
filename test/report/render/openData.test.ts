import { FORMAT_2019, FORMAT_2021, FORMATS } from '../../../report/format';
import { cellLabel, csvField, openDataColumns, reportToOpenData, toCsv } from '../../../report/render';
import { readCsv } from './csv';
import { consistentReport2019, consistentReport2021 } from './fixtures';

describe('open data: one flat record per report', () => {
  it('has the meta fields, then every cell of the format under its id (blank → null, text kept)', () => {
    const r = consistentReport2021();
    r.values['t3.new.other'] = '减4';
    delete r.values['t4.review.pending'];
    const rec = reportToOpenData(r, {
      agencyId: 'yy-hrss',
      version: 2,
      publishedAt: '2022-01-20T02:05:00Z',
      url: '/r/yy',
    });
    const keys = Object.keys(rec);
    expect(keys.slice(0, 7)).toEqual(['agencyId', 'agency', 'year', 'format', 'version', 'publishedAt', 'url']);
    expect(keys.slice(7)).toEqual(FORMAT_2021.cells.map((c) => c.id));
    expect(rec).toMatchObject({ agency: '益阳市人力资源和社会保障局', year: 2021, format: '2021', version: 2 });
    expect(rec['t3.new.natural']).toBe(5);
    expect(rec['t2.fees.amount']).toBe(8.9772);
    expect(rec['t3.new.other']).toBe('减4');
    expect(rec['t4.review.pending']).toBeNull();
    expect(Object.keys(reportToOpenData(r)).slice(0, 4)).toEqual(['agency', 'year', 'format', 't2.rules.issued']);
  });

  it('names every cell by its official path, uniquely across both formats', () => {
    expect(cellLabel(FORMAT_2021, 't3.granted.natural')).toBe('表三/（一）予以公开/自然人');
    expect(cellLabel(FORMAT_2021, 't3.deniedSecret.business')).toBe('表三/（三）不予公开/1.属于国家秘密/商业企业');
    expect(cellLabel(FORMAT_2021, 't3.otherMisc.total')).toBe('表三/（六）其他处理/3.其他/总计');
    expect(cellLabel(FORMAT_2019, 't3.other.total')).toBe('表三/（六）其他处理/总计');
    expect(cellLabel(FORMAT_2021, 't3.new.total')).toBe('表三/一、本年新收政府信息公开申请数量/总计');
    expect(cellLabel(FORMAT_2021, 't2.fees.amount')).toBe(
      '表二/第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）',
    );
    expect(cellLabel(FORMAT_2021, 't4.review.upheld')).toBe('表四/行政复议/结果维持');
    expect(cellLabel(FORMAT_2021, 't4.litigationAfterReview.total')).toBe('表四/行政诉讼/复议后起诉/总计');
    const byLabel = new Map<string, string>();
    for (const f of Object.values(FORMATS)) {
      for (const c of f.cells) {
        const label = cellLabel(f, c.id);
        expect(byLabel.get(label) ?? c.id).toBe(c.id);
        byLabel.set(label, c.id);
      }
    }
    expect(() => cellLabel(FORMAT_2021, 't9.nope.none')).toThrow(/unknown cell id/);
  });

  it('puts 2019-only cells after the shared ones when the formats are mixed', () => {
    const cols = openDataColumns([reportToOpenData(consistentReport2021()), reportToOpenData(consistentReport2019())]);
    const keys = cols.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.indexOf('t2.license.change')).toBeGreaterThan(keys.indexOf('t4.litigationAfterReview.total'));
    for (const f of [FORMAT_2021, FORMAT_2019]) for (const c of f.cells) expect(keys).toContain(c.id);
  });
});

describe('open data: CSV', () => {
  it('is UTF-8 with a BOM, CRLF, an official-name header row and one row per report', () => {
    const recs = [
      reportToOpenData(consistentReport2021(), { version: 1 }),
      reportToOpenData(consistentReport2021(), { version: 2 }),
    ];
    const csv = toCsv(recs);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const { fields } = readCsv(csv.slice(1));
    expect(fields).toHaveLength(3);
    const header = fields[0]!;
    expect(header.slice(0, 4)).toEqual(['行政机关名称', '年度', '格式版本', '报告版本']);
    expect(header).toContain('表三/（一）予以公开/自然人');
    for (const row of fields) expect(row).toHaveLength(header.length);
    const at = (label: string) => fields[1]![header.indexOf(label)];
    expect(at('表三/（一）予以公开/自然人')).toBe('3');
    expect(at('表二/第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）')).toBe('8.9772');
    expect(fields[2]![3]).toBe('2');
  });

  it('keeps numbers plain and unquoted, a negative 本年增/减 included; blank is an empty field', () => {
    const r = consistentReport2019();
    r.values['t2.fees.change'] = null;
    const csv = toCsv([reportToOpenData(r)]);
    const { fields, quoted } = readCsv(csv.slice(1));
    const col = fields[0]!.indexOf('表二/第二十条第（五）项/行政许可/本年增/减');
    expect([fields[1]![col], quoted[1]![col]]).toEqual(['-3', false]);
    const fee = fields[0]!.indexOf('表二/第二十条第（八）项/行政事业性收费/本年增/减');
    expect([fields[1]![fee], quoted[1]![fee]]).toEqual(['', false]);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.0000001)).toBe('0.0000001');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","点我")', `"'=HYPERLINK(""http://evil.example"",""点我"")"`],
    ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
    ['-2+3', `"'-2+3"`],
    ['-3', `"'-3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['  =1+1', `"'  =1+1"`],
    ['某局，"简称"\n第二行', `"某局，""简称""\n第二行"`],
    ['a,b', '"a,b"'],
    ['减4', '"减4"'],
  ])('neutralises and quotes the text %j', (text, field) => {
    expect(csvField(text)).toBe(field);
    // As a whole record: the text reads back as the neutralised field, in its own column.
    const r = consistentReport2021();
    r.agency = text;
    r.values['t3.new.other'] = text;
    const { fields } = readCsv(toCsv([reportToOpenData(r)]).slice(1));
    const expected = readCsv(`${field}\r\n`).fields[0]![0];
    expect(fields[1]![0]).toBe(expected);
    expect(fields[1]![fields[0]!.indexOf('表三/一、本年新收政府信息公开申请数量/其他')]).toBe(expected);
  });
});
