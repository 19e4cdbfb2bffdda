import { reportWith, textFindings } from './helpers';

const claimsOf = (overview: string, values: Record<string, number>) =>
  textFindings(reportWith({ values, overview }), 'TEXT-CLAIM');

describe('TEXT-CLAIM: outcomes', () => {
  const UPHELD = '因政府信息公开被申请行政复议2件，均获维持。';

  it('均获维持 needs 结果纠正, 其他结果 and 尚未审结 to be 0 in the group named', () => {
    expect(claimsOf(UPHELD, { 't4.review.upheld': 2, 't4.review.total': 2 })).toEqual([]);
    const found = claimsOf(UPHELD, { 't4.review.upheld': 1, 't4.review.pending': 1, 't4.review.total': 2 });
    expect(found).toHaveLength(1);
    expect(found[0]!.cells.map((c) => c.id)).toEqual(['t4.review.pending']);
    expect(found[0]!.excerpt).toBe('因政府信息公开被申请行政复议2件，均获维持');
    // A correction in litigation is not what a sentence about 行政复议 claims.
    expect(
      claimsOf(UPHELD, { 't4.review.upheld': 2, 't4.review.total': 2, 't4.litigationDirect.corrected': 1 }),
    ).toEqual([]);
  });

  it('零败诉 needs 结果纠正 = 0 in litigation', () => {
    const text = '本年度政府信息公开行政诉讼实现零败诉。';
    expect(claimsOf(text, { 't4.litigationDirect.upheld': 1, 't4.litigationDirect.total': 1 })).toEqual([]);
    const found = claimsOf(text, { 't4.litigationAfterReview.corrected': 1, 't4.litigationAfterReview.total': 1 });
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([['t4.litigationAfterReview.corrected']]);
  });

  it.each([
    '本年度未发生因政府信息公开引起的行政复议、行政诉讼。',
    '2023年，我局没有因政府信息公开被申请行政复议或提起行政诉讼的情况。',
    '全年无政府信息公开行政复议和行政诉讼案件。',
  ])('“%s” needs all 15 cells of table 四 to be 0', (text) => {
    expect(claimsOf(text, {})).toEqual([]);
    const found = claimsOf(text, { 't4.review.other': 1, 't4.review.total': 1, 't4.litigationDirect.total': 1 });
    expect(found).toHaveLength(1);
    expect(found[0]!.cells.map((c) => c.id).sort()).toEqual([
      't4.litigationDirect.total',
      't4.review.other',
      't4.review.total',
    ]);
  });

  it('a claim about one kind holds only that kind; 尚未审结的行政诉讼 is no such claim', () => {
    expect(
      claimsOf('未发生政府信息公开行政复议，行政诉讼1件。', {
        't4.litigationDirect.pending': 1,
        't4.litigationDirect.total': 1,
      }),
    ).toEqual([]);
    expect(
      claimsOf('因政府信息公开尚未审结的行政诉讼1件。', {
        't4.litigationDirect.pending': 1,
        't4.litigationDirect.total': 1,
      }),
    ).toEqual([]);
    expect(
      claimsOf('未发生政府信息公开行政复议，行政诉讼1件。', { 't4.review.total': 1, 't4.review.upheld': 1 }),
    ).toHaveLength(1);
  });

  it('未收到依申请公开 needs 一 = 0 (the changchun wording)', () => {
    const text = '长春新区科技局无行政许可、行政处罚、行政强制、行政事业性收费等权利,2023年度未收到依申请公开事项。';
    expect(claimsOf(text, { 't3.new.total': 0 })).toEqual([]);
    const found = claimsOf(text, { 't3.new.total': 2 });
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([['t3.new.total']]);
    expect(claimsOf('全年未收到申请人的补正材料。', { 't3.new.total': 2 })).toEqual([]);
  });
});

describe('TEXT-CLAIM: shares', () => {
  it('a stated share matches its count against the stated total or （七）总计 (±0.05 points)', () => {
    const values = { 't3.new.total': 120, 't3.total.total': 120, 't3.granted.total': 60, 't3.partial.total': 40 };
    expect(claimsOf('全年收到依申请公开申请120件，予以公开60件，占50%；部分公开40件，占33.3%。', values)).toEqual([]);
    const found = claimsOf('全年收到依申请公开申请120件，予以公开60件，占40%；部分公开40件，占33.5%。', values);
    expect(found.map((f) => f.excerpt)).toEqual(['予以公开60件', '部分公开40件']);
    expect(found[0]!.message.zh).toContain('50.0%');
  });

  it('uses the table when no total is stated, and says nothing without a base', () => {
    expect(
      claimsOf('依申请公开申请中，予以公开3件，占百分之七十五。', {
        't3.total.total': 4,
        't3.new.total': 4,
        't3.granted.total': 3,
      }),
    ).toEqual([]);
    expect(
      claimsOf('依申请公开申请中，予以公开3件，占百分之五十。', {
        't3.total.total': 4,
        't3.new.total': 4,
        't3.granted.total': 3,
      }),
    ).toHaveLength(1);
    expect(claimsOf('依申请公开申请中，予以公开3件，占百分之五十。', {})).toEqual([]);
  });
});
