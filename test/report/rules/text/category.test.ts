import { reportWith, textFindings } from './helpers';

describe('TEXT-CATEGORY: a document that does not exist is 无法提供, not 不予公开', () => {
  const SEED = '申请人需要我局公开《接收单》,经查,该《接收单》不存在,我局作出不予公开的答复,并进行了解释说明。';

  it('fires, naming （四）1, and says so when that row is 0', () => {
    const found = textFindings(
      reportWith({ values: { 't3.new.total': 1, 't3.deniedInternal.total': 1 }, overview: SEED }),
      'TEXT-CATEGORY',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.excerpt).toBe('该《接收单》不存在,我局作出不予公开的答复');
    expect(found[0]!.cells.map((c) => c.id)).toEqual(['t3.unableNotHeld.total', 't3.deniedInternal.total']);
    expect(found[0]!.message.zh).toContain('1.本机关不掌握相关政府信息');
    expect(found[0]!.message.zh).toContain('总计为 0');
  });

  it('does not say the row is empty when it is filled', () => {
    const found = textFindings(
      reportWith({ values: { 't3.unableNotHeld.total': 1 }, overview: SEED }),
      'TEXT-CATEGORY',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message.zh).not.toContain('总计为 0');
  });

  it('names （四）2 for information that would have to be created', () => {
    const found = textFindings(
      reportWith({ overview: '该申请所需信息需要另行制作，我局作出不予公开答复。' }),
      'TEXT-CATEGORY',
    );
    expect(found.map((f) => f.cells[0]!.id)).toEqual(['t3.unableNeedCreate.total']);
  });

  it('is quiet for 无法提供 replies and for lists of figures', () => {
    expect(
      textFindings(reportWith({ overview: '经查,该信息不存在,我局告知申请人无法提供。' }), 'TEXT-CATEGORY'),
    ).toEqual([]);
    expect(
      textFindings(
        reportWith({ overview: '依申请公开申请中，不予公开1件，本机关不掌握相关政府信息2件。' }),
        'TEXT-CATEGORY',
      ),
    ).toEqual([]);
  });
});

describe('TEXT-CATEGORY: categories the format does not have', () => {
  it.each([
    ['同意公开的5件', ['t3.granted.total', 't3.partial.total']],
    ['不同意公开的2件', ['t3.deniedSecret.total']],
    ['免予公开1件', ['t3.deniedSecret.total']],
    ['不予受理3件', ['t3.unprocessedPetition.total']],
  ])('“%s” is mapped to the format’s rows', (words, someCells) => {
    const found = textFindings(reportWith({ overview: `全年收到依申请公开申请10件，其中${words}。` }), 'TEXT-CATEGORY');
    expect(found).toHaveLength(1);
    expect(found[0]!.excerpt).toContain(words);
    const ids = found[0]!.cells.map((c) => c.id);
    for (const id of someCells) expect(ids).toContain(id);
  });

  it('is quiet for the format’s own words, and for 同意 outside applications', () => {
    expect(
      textFindings(
        reportWith({ overview: '全年收到依申请公开申请10件，其中予以公开5件，部分公开5件。' }),
        'TEXT-CATEGORY',
      ),
    ).toEqual([]);
    expect(textFindings(reportWith({ overview: '经主要领导同意公开征求意见3次。' }), 'TEXT-CATEGORY')).toEqual([]);
  });
});
