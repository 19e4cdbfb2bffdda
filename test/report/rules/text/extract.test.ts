import { emptyReport, type Report } from '../../../../report/model';
import { analyseProse, type Claim } from '../../../../report/rules/text/extract';
import { normaliseProse, splitProse } from '../../../../report/rules/text/prose';

function claims(overview: string): Claim[] {
  const r: Report = emptyReport({ year: 2023 });
  r.sections.overview = overview;
  return [...analyseProse(r).claims];
}

const summary = (cs: Claim[]) => cs.map((c) => `${c.phrases.map((p) => p.key).join('+')}=${c.value}${c.unit}`);

describe('the prose reader', () => {
  it('makes full-width digits ASCII, one character for one, and leaves other text as it is', () => {
    const text = '收到申请1,234件,其中(网上)５件;占５０％';
    const norm = normaliseProse(text);
    expect(norm).toHaveLength(text.length);
    expect(norm).toBe('收到申请1,234件,其中(网上)5件;占50%');
    const plain = '收到申请12件。';
    expect(normaliseProse(plain)).toBe(plain);
  });

  it('splits sentences on 。；！？ and line breaks, clauses also on ，（）：, in either width', () => {
    const { sentences, segments } = splitProse(normaliseProse('甲，乙。丙;丁\n戊(己)'));
    expect(sentences).toHaveLength(4);
    expect(segments.map((s) => s.sentence)).toEqual([0, 0, 1, 2, 3, 3]);
    const half = splitProse('甲,乙:丙!丁?戊');
    expect(half.sentences).toHaveLength(3);
    expect(half.segments).toHaveLength(5);
    // A comma between digits is a thousands separator.
    expect(splitProse('收到1,234件,予以公开').segments).toHaveLength(2);
  });

  it('reads counts next to their phrases, in Arabic and Chinese numerals', () => {
    expect(
      summary(claims('全年共收到政府信息公开申请二十三件，予以公开十一件，部分公开两件，不予公开一百零五件。')),
    ).toEqual(['received=23件', 'granted=11件', 'partial=2件', 'denied=105件']);
    expect(summary(claims('2023年,长春新区科技局出台四项规范性文件,分别是《甲》。'))).toEqual(['normative=4项']);
  });

  it('reads half-width and full-width punctuation the same', () => {
    const full = '全年共收到依申请公开申请１２件，其中予以公开５件；另２件结转下年度办理。';
    const half = '全年共收到依申请公开申请12件,其中予以公开5件;另2件结转下年度办理.';
    expect(summary(claims(full))).toEqual(['received=12件', 'granted=5件', 'carryOver=2件']);
    expect(summary(claims(half))).toEqual(summary(claims(full)));
  });

  it('only counts clauses about disclosure applications (the seed’s letters, hotline and policy talks are not)', () => {
    expect(
      claims('发挥“局长信箱”等栏目功能作用,2021年收到网民来信、咨询、诉求共219条信息,均及时有效地回复解决;'),
    ).toEqual([]);
    expect(claims('全年共受理市长热线816件、市长(局长)信箱信件405件,全部在规定时限内予以回复。')).toEqual([]);
    expect(claims('全年来,先后11次解读相关政策。针对编制规划先后2次公开征求意见。')).toEqual([]);
    expect(summary(claims('全年共收到6次政府信息依申请公开申请,其中5次为线上申请;1次为邮寄送达。'))).toEqual([
      'received=6次',
    ]);
    // The sentence must name 申请 (a generic verb after a heading about applications is not enough) …
    expect(claims('（二）依申请公开情况。全年共受理群众办事事项5000件。')).toEqual([]);
    // … and the clause must not be about other business.
    expect(summary(claims('全年共收到依申请公开申请5件，受理市长热线816件。'))).toEqual(['received=5件']);
    // A breakdown after 其中 is not the total.
    expect(summary(claims('全年收到政府信息公开申请10件，其中网上收到7件。'))).toEqual(['received=10件']);
  });

  it('years, dates, percentages, ordinals and document numbers are not counts', () => {
    expect(
      claims(
        '依申请公开：2021年1月1日至12月31日收到申请，占比50%，第一次答复，一是及时答复，依国办公开办函〔2021〕30号予以公开。',
      ),
    ).toEqual([]);
    expect(claims('依申请公开申请实行一次性告知，一件事一次办。')).toEqual([]);
  });

  it('joins phrases into one count (及, 、) and splits them on 各 and 分别', () => {
    const joined = claims('全年收到依申请公开申请50件，予以公开及部分公开共48件。');
    expect(summary(joined)).toEqual(['received=50件', 'granted+partial=48件']);
    expect(joined[1]!.targets).toEqual([
      [
        { table: '三', row: 'granted' },
        { table: '三', row: 'partial' },
      ],
    ]);
    expect(summary(claims('因政府信息公开引起的行政复议、行政诉讼各1件。'))).toEqual(['review=1件', 'litigation=1件']);
    expect(summary(claims('依申请公开申请中，予以公开、部分公开分别为3件、2件。'))).toEqual([
      'granted=3件',
      'partial=2件',
    ]);
  });

  it('gives table 四 outcomes to the group named before them, and numbers to the nearest phrase', () => {
    const cs = claims(
      '因政府信息公开被行政复议7件，其中结果维持6件、尚未审结1件。2023年度收到诉讼为3件，其中未经复议直接起诉2件。',
    );
    expect(summary(cs)).toEqual(['review=7件', 'upheld=6件', 'pending=1件', 'litigation=3件', 'litigationDirect=2件']);
    expect(cs[1]!.targets).toEqual([[{ table: '四', scope: 'review', column: 'upheld' }]]);
  });

  it('marks approximate counts and reads a stated share', () => {
    const cs = claims('全年收到依申请公开申请约100件，予以公开60件，占50%；部分公开10件，占总数的百分之八点三。');
    expect(cs[0]!.approximate).toBe(true);
    expect(cs[1]!.percent).toEqual({ value: 50, decimals: 0 });
    expect(cs[2]!.percent).toEqual({ value: 8.3, decimals: 1 });
  });

  it('is computed once per prose and again when the prose changes', () => {
    const r = emptyReport({ year: 2023 });
    r.sections.overview = '全年收到依申请公开申请5件。';
    const a = analyseProse(r);
    expect(analyseProse(r)).toBe(a);
    r.sections.overview = '全年收到依申请公开申请6件。';
    expect(analyseProse(r)).not.toBe(a);
    expect(analyseProse(r).claims[0]!.value).toBe(6);
  });
});
