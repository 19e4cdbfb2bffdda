import { FEES_STATED, reportWith, textFindings } from './helpers';

describe('TEXT-FEE', () => {
  it('warns when section 六 says nothing about 信息处理费', () => {
    const found = textFindings(
      reportWith({ other: '全年共受理市长热线816件、市长(局长)信箱信件405件,全部在规定时限内予以回复。' }),
      'TEXT-FEE',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.section).toBe('other');
  });

  it('leaves a section 六 not written at all to the section rules (blank is one fault)', () => {
    for (const other of [null, '', '  ']) {
      expect(textFindings(reportWith({ other, values: { 't3.otherUnpaid.total': 2 } }), 'TEXT-FEE')).toEqual([]);
    }
  });

  it('is quiet when section 六 states the fees, charged or not', () => {
    expect(textFindings(reportWith({ other: FEES_STATED }), 'TEXT-FEE')).toEqual([]);
    expect(textFindings(reportWith({ other: '本年度发出收费通知2件，收取信息处理费共计300元。' }), 'TEXT-FEE')).toEqual(
      [],
    );
  });

  it('is an error when （六）2 exceeds the 收费通知 reported in 六', () => {
    const values = { 't3.otherUnpaid.total': 2 };
    expect(textFindings(reportWith({ values, other: '本年度发出收费通知2件，申请人均未缴费。' }), 'TEXT-FEE')).toEqual(
      [],
    );
    for (const other of ['本年度发出收费通知1件。', FEES_STATED, '全年共受理市长热线816件。']) {
      const found = textFindings(reportWith({ values, other }), 'TEXT-FEE');
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe('error');
      expect(found[0]!.cells.map((c) => c.id)).toEqual(['t3.otherUnpaid.total']);
    }
  });

  it('has no （六）2 to check in the 2019 format', () => {
    expect(textFindings(reportWith({ year: 2020, other: FEES_STATED }), 'TEXT-FEE')).toEqual([]);
  });
});
