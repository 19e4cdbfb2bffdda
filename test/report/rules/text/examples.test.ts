/** The example reports' prose against their tables (and against tables set to agree or disagree). */
import { FORMAT_2021 } from '../../../../report/format';
import { emptyReport, type Report } from '../../../../report/model';
import { between, example, FEES_STATED, reportWith, textFindings } from './helpers';

const SEED = example('yiyang-hrss-2021.txt');
const CHANGCHUN = example('changchun-xinqu-kjj-2023.excerpt.txt');
const SHENZHEN = example('shenzhen-longhua-amr-2023.excerpt.txt');

/** The seed as published: its prose sections and its tables 二 and 三 (table 四's row is broken: left blank). */
function seedReport(): Report {
  const r = emptyReport({ year: 2021, agency: '益阳市人力资源和社会保障局' });
  r.sections = {
    overview: between(SEED, '一、总体情况', '二、主动公开政府信息情况'),
    problems: between(SEED, '五、存在的主要问题及改进情况', '六、其他需要报告的事项'),
    other: between(SEED, '六、其他需要报告的事项'),
  };
  Object.assign(r.values, {
    't2.rules.issued': 0,
    't2.rules.repealed': 0,
    't2.rules.inForce': 0,
    't2.normative.issued': 1,
    't2.normative.repealed': 0,
    't2.normative.inForce': 16,
    't2.license.decisions': 4,
    't2.penalty.decisions': 3,
    't2.coercion.decisions': 0,
    't2.fees.amount': 8.97723,
  });
  for (const c of FORMAT_2021.cells) if (c.table === '三') r.values[c.id] = 0;
  for (const row of ['new', 'granted', 'total']) {
    r.values[`t3.${row}.natural`] = 1;
    r.values[`t3.${row}.total`] = 1;
  }
  return r;
}

describe('the seed (益阳市人社局 2021)', () => {
  const findings = textFindings(seedReport());
  const of = (code: string) => findings.filter((f) => f.rule === code);

  it('TEXT-COUNT: 收到 6 against 一 总计 1, and nothing for the 219条 / 816件 / 405件 / 11次 sentences', () => {
    expect(of('TEXT-COUNT')).toHaveLength(1);
    const [count] = of('TEXT-COUNT');
    expect(count!.excerpt).toBe('全年共收到6次政府信息依申请公开申请');
    expect(count!.cells.map((c) => c.id)).toEqual(['t3.new.total']);
    expect(count!.message.zh).toContain('为 1');
    for (const f of findings) expect(f.excerpt ?? '').not.toMatch(/219|816|405|11次/);
  });

  it('TEXT-CATEGORY: 不存在 answered as 不予公开, with （四）1 empty', () => {
    const [cat, ...rest] = of('TEXT-CATEGORY');
    expect(rest).toEqual([]);
    expect(cat!.excerpt).toContain('不存在');
    expect(cat!.excerpt).toContain('不予公开');
    expect(cat!.cells[0]!.id).toBe('t3.unableNotHeld.total');
    expect(cat!.message.zh).toContain('没有相应的行填写');
  });

  it('TEXT-UNIT: applications counted in 次; TEXT-FEE: no 信息处理费 statement in 六', () => {
    expect(of('TEXT-UNIT').map((f) => f.excerpt)).toEqual(['全年共收到6次政府信息依申请公开申请']);
    expect(of('TEXT-FEE').map((f) => f.severity)).toEqual(['warning']);
  });

  it('nothing else', () => {
    expect(findings.map((f) => f.rule).sort()).toEqual(['TEXT-CATEGORY', 'TEXT-COUNT', 'TEXT-FEE', 'TEXT-UNIT']);
  });
});

describe('the changchun excerpt (长春新区科技局 2023)', () => {
  const overview = between(CHANGCHUN, '一、总体情况', '二、主动公开政府信息情况');

  it('TEXT-COUNT: 出台四项规范性文件 against 本年制发件数 0', () => {
    const found = textFindings(reportWith({ values: { 't2.normative.issued': 0 }, overview, other: FEES_STATED }));
    expect(found.map((f) => f.rule)).toEqual(['TEXT-COUNT']);
    expect(found[0]!.excerpt).toBe('长春新区科技局出台四项规范性文件');
    expect(found[0]!.cells.map((c) => c.id)).toEqual(['t2.normative.issued']);
  });

  it('agrees when table 二 says 4 (and 未收到依申请公开事项 agrees with 一 = 0)', () => {
    expect(textFindings(reportWith({ values: { 't2.normative.issued': 4 }, overview, other: FEES_STATED }))).toEqual(
      [],
    );
  });
});

describe('the shenzhen excerpt (龙华监管局 2023)', () => {
  const overview = between(SHENZHEN, '一、总体情况');
  const MATCHING = {
    't3.new.total': 112,
    't3.carried.total': 9,
    't3.total.total': 119,
    't3.carryOver.total': 2,
    't3.granted.total': 60,
    't3.partial.total': 13,
    't3.deniedThirdParty.total': 6,
    't3.unableNotHeld.total': 26,
    't3.unprocessedRepeat.total': 3,
    't3.otherMisc.total': 11,
    't4.review.upheld': 6,
    't4.review.pending': 1,
    't4.review.total': 7,
    't4.litigationDirect.pending': 2,
    't4.litigationDirect.total': 2,
    't4.litigationAfterReview.upheld': 1,
    't4.litigationAfterReview.total': 1,
  };

  it('TEXT-CATEGORY for 同意公开 and 不同意公开, mapped to the format’s rows', () => {
    const found = textFindings(reportWith({ values: MATCHING, overview }), 'TEXT-CATEGORY');
    expect(found.map((f) => f.excerpt)).toEqual(['属于同意公开的60件', '不同意公开的6件']);
    expect(found[0]!.message.zh).toContain('（一）予以公开');
    expect(found[1]!.message.zh).toContain('（三）不予公开');
  });

  it('no TEXT-COUNT where the tables match its figures', () => {
    expect(textFindings(reportWith({ values: MATCHING, overview }), 'TEXT-COUNT')).toEqual([]);
  });

  it('TEXT-COUNT for each figure the tables disagree with', () => {
    const values = {
      ...MATCHING,
      't3.new.total': 110,
      't3.total.total': 117,
      't3.unableNotHeld.total': 24,
      't4.review.total': 6,
      't4.review.upheld': 5,
      't4.litigationAfterReview.total': 0,
      't4.litigationAfterReview.upheld': 0,
    };
    const found = textFindings(reportWith({ values, overview }), 'TEXT-COUNT');
    expect(found.map((f) => f.excerpt)).toEqual([
      '2023年共受理政府信息依申请公开121件',
      '其中本年度新收申请数112件',
      '已答复119件',
      '无法提供的26件',
      '2023年我局因政府信息公开被行政复议7件',
      '其中结果维持6件、结果纠正0件、其他结果0件、尚未审结1件',
      '2023年度收到诉讼为3件',
      '复议后起诉1件',
    ]);
  });
});
