import { FEES_STATED, reportWith, textFindings } from './helpers';

const APPLICATIONS =
  '2023年共收到政府信息公开申请10件，上年结转2件，已答复11件，其中予以公开5件，部分公开2件，不予公开1件，无法提供1件，不予处理1件，其他处理1件，另1件结转下年度办理。';
const AGREEING = {
  't3.new.total': 10,
  't3.carried.total': 2,
  't3.total.total': 11,
  't3.carryOver.total': 1,
  't3.granted.total': 5,
  't3.partial.total': 2,
  't3.deniedThirdParty.total': 1,
  't3.unableNotHeld.total': 1,
  't3.unprocessedRepeat.total': 1,
  't3.otherMisc.total': 1,
};

describe('TEXT-COUNT', () => {
  it('is quiet when every stated count matches its cells (group rows summed over their items)', () => {
    expect(textFindings(reportWith({ values: AGREEING, overview: APPLICATIONS, other: FEES_STATED }))).toEqual([]);
  });

  it.each([
    ['t3.new.total', 9, '收到政府信息公开申请10件'],
    ['t3.carried.total', 3, '上年结转2件'],
    ['t3.total.total', 12, '已答复11件'],
    ['t3.carryOver.total', 0, '另1件结转下年度办理'],
    ['t3.granted.total', 4, '予以公开5件'],
    ['t3.partial.total', 1, '部分公开2件'],
    ['t3.deniedThirdParty.total', 2, '不予公开1件'],
    ['t3.unableNotHeld.total', 0, '无法提供1件'],
    ['t3.unprocessedRepeat.total', 3, '不予处理1件'],
    ['t3.otherMisc.total', 0, '其他处理1件'],
  ])('fires when %s is %d against “%s”', (id, value, excerpt) => {
    const found = textFindings(
      reportWith({ values: { ...AGREEING, [id]: value }, overview: APPLICATIONS }),
      'TEXT-COUNT',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.excerpt).toContain(excerpt);
    expect(found[0]!.cells.map((c) => c.id)).toContain(id);
    expect(found[0]!.section).toBe('overview');
    expect(found[0]!.severity).toBe('warning');
  });

  it('reads every item of a list set apart by ；, each held against its cells (not only the first)', () => {
    // As 上海市人民政府办公厅 words it: the results listed after the sentence that names the applications.
    const listed =
      '2023年共收到政府信息公开申请10件，上年结转2件，已答复11件。予以公开5件，占45.5%；部分公开2件；不予公开1件；无法提供1件；不予处理1件；其他处理1件。';
    const quiet = textFindings(reportWith({ values: AGREEING, overview: listed, other: FEES_STATED }));
    expect(quiet).toEqual([]);
    for (const [id, excerpt] of [
      ['t3.unableNotHeld.total', '无法提供1件'],
      ['t3.otherMisc.total', '其他处理1件'],
    ] as const) {
      const found = textFindings(
        reportWith({ values: { ...AGREEING, [id]: 3 }, overview: listed, other: FEES_STATED }),
        'TEXT-COUNT',
      );
      expect(found.map((f) => f.excerpt)).toEqual([expect.stringContaining(excerpt)]);
    }
  });

  it('holds 其他处理 against the single （六） row of the 2019 format', () => {
    const text = '2020年共收到依申请公开申请3件，其他处理2件。';
    const values = { 't3.new.total': 3, 't3.other.total': 2 };
    expect(textFindings(reportWith({ year: 2020, values, overview: text }), 'TEXT-COUNT')).toEqual([]);
    const found = textFindings(
      reportWith({ year: 2020, values: { ...values, 't3.other.total': 1 }, overview: text }),
      'TEXT-COUNT',
    );
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([['t3.other.total']]);
  });

  it('holds a joined phrase against the sum (予以公开及部分公开)', () => {
    const text = '全年收到依申请公开申请8件，予以公开及部分公开共7件。';
    expect(
      textFindings(
        reportWith({ values: { 't3.new.total': 8, 't3.granted.total': 5, 't3.partial.total': 2 }, overview: text }),
        'TEXT-COUNT',
      ),
    ).toEqual([]);
    const found = textFindings(
      reportWith({ values: { 't3.new.total': 8, 't3.granted.total': 5, 't3.partial.total': 1 }, overview: text }),
      'TEXT-COUNT',
    );
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([['t3.granted.total', 't3.partial.total']]);
  });

  it('holds 行政复议 and 行政诉讼 against table 四 (诉讼: both litigation groups)', () => {
    const text = '2023年，因政府信息公开被申请行政复议2件，被提起行政诉讼3件。';
    const values = { 't4.review.total': 2, 't4.litigationDirect.total': 1, 't4.litigationAfterReview.total': 2 };
    expect(textFindings(reportWith({ values, overview: text }), 'TEXT-COUNT')).toEqual([]);
    const found = textFindings(
      reportWith({ values: { ...values, 't4.litigationAfterReview.total': 0 }, overview: text }),
      'TEXT-COUNT',
    );
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([
      ['t4.litigationDirect.total', 't4.litigationAfterReview.total'],
    ]);
  });

  it('holds 出台规范性文件 and 规章 against 本年制发件数 (2019: 本年新制作数量), but not 规章制度', () => {
    const text = '本年度制发行政规范性文件3件，出台规章1件，制定内部规章制度5项。';
    expect(
      textFindings(
        reportWith({ values: { 't2.normative.issued': 3, 't2.rules.issued': 1 }, overview: text }),
        'TEXT-COUNT',
      ),
    ).toEqual([]);
    const found = textFindings(
      reportWith({ values: { 't2.normative.issued': 3, 't2.rules.issued': 0 }, overview: text }),
      'TEXT-COUNT',
    );
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([['t2.rules.issued']]);
    const old = textFindings(
      reportWith({ year: 2020, values: { 't2.normative.made': 2, 't2.rules.made': 1 }, overview: text }),
      'TEXT-COUNT',
    );
    expect(old.map((f) => f.cells.map((c) => c.id))).toEqual([['t2.normative.made']]);
  });

  it('says nothing when the cells are blank or hold text, or the count is approximate', () => {
    const text = '全年共收到依申请公开申请12件，予以公开约10件。';
    const row = ['natural', 'business', 'research', 'nonprofit', 'legal', 'other', 'total'];
    const blankRow = Object.fromEntries(row.map((c) => [`t3.new.${c}`, null]));
    expect(
      textFindings(reportWith({ values: { ...blankRow, 't3.granted.total': 3 }, overview: text }), 'TEXT-COUNT'),
    ).toEqual([]);
    expect(
      textFindings(
        reportWith({ values: { 't3.new.total': '十二', 't3.granted.total': 3 }, overview: text }),
        'TEXT-COUNT',
      ),
    ).toEqual([]);
  });

  it('holds a count against the sum of the parts where the 总计 is blank', () => {
    const text = '全年共收到依申请公开申请12件。';
    const values = (natural: number) => ({ 't3.new.total': null, 't3.new.natural': natural });
    expect(textFindings(reportWith({ values: values(12), overview: text }), 'TEXT-COUNT')).toEqual([]);
    const found = textFindings(reportWith({ values: values(10), overview: text }), 'TEXT-COUNT');
    expect(found.map((f) => f.cells.map((c) => c.id))).toEqual([['t3.new.total']]);
    expect(found[0]!.message.zh).toContain('总计空白');
  });

  it('accepts 受理 as the new applications or all in hand (一 + 二)', () => {
    const text = '全年共受理政府信息依申请公开12件。';
    expect(
      textFindings(reportWith({ values: { 't3.new.total': 10, 't3.carried.total': 2 }, overview: text }), 'TEXT-COUNT'),
    ).toEqual([]);
    expect(
      textFindings(reportWith({ values: { 't3.new.total': 12, 't3.carried.total': 2 }, overview: text }), 'TEXT-COUNT'),
    ).toEqual([]);
    expect(
      textFindings(reportWith({ values: { 't3.new.total': 9, 't3.carried.total': 2 }, overview: text }), 'TEXT-COUNT'),
    ).toHaveLength(1);
  });
});

describe('TEXT-UNIT', () => {
  it('hints when applications are counted in 次/条/例/份', () => {
    for (const unit of ['次', '条', '例', '份']) {
      const found = textFindings(
        reportWith({ values: { 't3.new.total': 4 }, overview: `全年共收到依申请公开申请4${unit}。` }),
        'TEXT-UNIT',
      );
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe('info');
      expect(found[0]!.excerpt).toBe(`全年共收到依申请公开申请4${unit}`);
      expect(found[0]!.cells.map((c) => c.id)).toEqual(['t3.new.total']);
    }
  });

  it('is quiet for 件, and for other things counted in 次 (policy talks)', () => {
    expect(
      textFindings(
        reportWith({ values: { 't3.new.total': 4 }, overview: '全年共收到依申请公开申请4件。先后11次解读相关政策。' }),
        'TEXT-UNIT',
      ),
    ).toEqual([]);
  });
});
