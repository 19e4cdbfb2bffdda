/**
 * What real published reports say and how the prose rules must take it (issue 14): each count attached to its own
 * phrase, counts of documents apart from counts of applications, prose beside the tables read too, the fee rules
 * only from the year they apply.
 */
import { FEES_STATED, reportWith, textFindings } from './helpers';

const counts = (r: ReturnType<typeof reportWith>) => textFindings(r, 'TEXT-COUNT');

describe('each count to its own phrase', () => {
  it('继续办理 is not 办结: 819 carried on belongs to 四, 13810 answered to （七）总计', () => {
    const r = reportWith({
      values: {
        't3.total.natural': 13810,
        't3.total.total': 13810,
        't3.carryOver.natural': 819,
        't3.carryOver.total': 819,
      },
      overview: '本年度共收到政府信息公开申请14629件，本年度办结13810件,结转下年度继续办理819件。',
      other: FEES_STATED,
    });
    expect(counts(r).map((f) => f.excerpt)).toEqual(['本年度共收到政府信息公开申请14629件']);
  });

  it('in a list (依申请公开130条、不予公开55条) a number is not taken by the phrase after it', () => {
    const r = reportWith({
      values: { 't3.deniedSecret.total': 55, 't3.deniedSecret.natural': 55 },
      overview: '本年度办理依申请公开事项，其中依法公开130件、不予公开55件。',
      other: FEES_STATED,
    });
    expect(counts(r)).toEqual([]);
  });

  it('同意公开答复数1件 is a reply of a kind (TEXT-CATEGORY), not all replies (（七）总计 4)', () => {
    const r = reportWith({
      values: { 't3.new.total': 4, 't3.new.natural': 4, 't3.total.total': 4, 't3.total.natural': 4 },
      overview: '2024年共收到政府信息公开申请4件，同意公开答复数1件，区分处理后公开数 1件，无法提供数2件。',
      other: FEES_STATED,
    });
    expect(counts(r).filter((f) => f.cells.some((c) => c.id === 't3.total.total'))).toEqual([]);
    expect(textFindings(r, 'TEXT-CATEGORY').map((f) => f.excerpt)).toEqual([expect.stringContaining('同意公开')]);
  });
});

describe('counts of documents are not counts of applications', () => {
  it.each([
    '2023年，我局共制发政府信息313条，其中，主动公开政府信息128条、依申请公开130条、不予公开55条。',
    '全年印发公文类政府信息共432条，其中主动公开信息数99条，依申请公开信息数311条，不予公开22条。',
    '2021年制作、获取政府信息总数510条，其中主动公开政府信息198条，依申请公开信息数142条，不予公开信息数137条。',
  ])('%s', (overview) => {
    expect(counts(reportWith({ overview, other: FEES_STATED }))).toEqual([]);
  });
});

describe('prose beside the tables is read', () => {
  it('section 三 saying 共收到政府信息公开申请0条 against 一 = 3 is TEXT-COUNT, its 条 TEXT-UNIT', () => {
    const r = reportWith({ values: { 't3.new.total': 3, 't3.new.natural': 3 }, other: FEES_STATED });
    r.notes = { applications: '2023年，共收到政府信息公开申请0条。' };
    const found = counts(r);
    expect(found.map((f) => [f.section, f.cells.map((c) => c.id)])).toEqual([['applications', ['t3.new.total']]]);
    expect(textFindings(r, 'TEXT-UNIT').map((f) => f.section)).toEqual(['applications']);
  });
});

describe('TEXT-FEE from report year 2021 (国办函〔2020〕109号)', () => {
  it.each([2019, 2020])('a %i report is not asked about 信息处理费', (year) => {
    const r = reportWith({ year, format: '2019', other: '无。' });
    expect(textFindings(r, 'TEXT-FEE')).toEqual([]);
  });

  it('a 2021 report is', () => {
    expect(textFindings(reportWith({ year: 2021, other: '无。' }), 'TEXT-FEE')).toHaveLength(1);
  });
});
