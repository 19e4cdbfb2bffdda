import fc from 'fast-check';
import { emptyReport, type Report } from '../../../../report/model';
import { TEXT_RULES } from '../../../../report/rules/text';
import { analyseProse } from '../../../../report/rules/text/extract';
import { validate } from '../../../../report/rules';

/** Pieces of report prose: phrases the rules look for, numerals, units, punctuation of both widths, noise. */
const PIECES = [
  '收到',
  '受理',
  '新收',
  '办结',
  '答复',
  '办理',
  '上年结转',
  '结转下年度',
  '予以公开',
  '部分公开',
  '不予公开',
  '无法提供',
  '不予处理',
  '其他处理',
  '同意公开',
  '不同意公开',
  '不予受理',
  '行政复议',
  '行政诉讼',
  '直接起诉',
  '复议后起诉',
  '结果维持',
  '结果纠正',
  '尚未审结',
  '均获维持',
  '零败诉',
  '未发生',
  '未收到',
  '依申请公开',
  '政府信息公开申请',
  '申请',
  '出台',
  '规范性文件',
  '规章',
  '规章制度',
  '收费通知',
  '信息处理费',
  '不存在',
  '需要另行制作',
  '其中',
  '共',
  '约',
  '占',
  '百分之',
  '分别为',
  '各',
  '及',
  '、',
  '，',
  ',',
  '。',
  '.',
  '；',
  ';',
  '（',
  '(',
  '）',
  ')',
  '：',
  ':',
  '\n',
  '％',
  '%',
  '第',
  '年',
  '件',
  '次',
  '条',
  '例',
  '份',
  '宗',
  '项',
  '余',
  '多',
  '一',
  '两',
  '十',
  '百',
  '千',
  '万',
  '零',
  '〇',
  '点',
  '２',
  '〔',
  '〕',
  '号',
  '我局',
  '热线',
  '来信',
  ' ',
  '',
];

const piece = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.double({ min: 0, max: 1000, noNaN: true }).map((n) => n.toFixed(2)),
  fc.string({ maxLength: 4 }),
);
const prose = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(''));
const cellValue = fc.oneof(fc.constant(null), fc.nat(200), fc.constantFrom('无', '/', ',1', '—'));

function reportOf(
  overview: string,
  problems: string,
  other: string,
  values: Record<string, number | string | null>,
): Report {
  const r = emptyReport({ year: 2021 });
  r.sections = { overview, problems, other };
  r.values = values;
  return r;
}

describe('the TEXT rules on arbitrary prose', () => {
  it('never throw, and every finding is well-formed', () => {
    const ids = [
      't3.new.total',
      't3.carried.total',
      't3.total.total',
      't3.granted.total',
      't3.otherUnpaid.total',
      't4.review.total',
      't4.review.corrected',
      't2.normative.issued',
    ];
    fc.assert(
      fc.property(
        prose,
        prose,
        prose,
        fc.array(cellValue, { minLength: ids.length, maxLength: ids.length }),
        (a, b, c, vals) => {
          const values = Object.fromEntries(ids.map((id, i) => [id, vals[i]!]));
          const findings = validate(reportOf(a, b, c, values), { rules: TEXT_RULES });
          for (const f of findings) {
            expect(f.rule).toMatch(/^TEXT-/);
            expect(f.message.zh.length).toBeGreaterThan(0);
            expect(f.message.en.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every claim is a whole number ≥ 0 whose excerpt is words of the text', () => {
    fc.assert(
      fc.property(prose, (text) => {
        const r = reportOf(text, '', '', {});
        for (const claim of analyseProse(r).claims) {
          expect(Number.isSafeInteger(claim.value) && claim.value >= 0).toBe(true);
          expect(text).toContain(claim.excerpt);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads half-width punctuation as full-width', () => {
    // A comma between digits is not turned half-width: 1,234 is a thousands separator, 1，234 two clauses.
    const HALF: Record<string, string> = { '，': ',', '；': ';', '（': '(', '）': ')', '：': ':' };
    const toHalf = (s: string) => s.replace(/(?<!\d)，|，(?!\d)|[；（）：]/g, (ch) => HALF[ch]!);
    fc.assert(
      fc.property(prose, (text) => {
        const full = analyseProse(reportOf(text, '', '', {})).claims;
        const half = analyseProse(reportOf(toHalf(text), '', '', {})).claims;
        expect(half.map((c) => [c.value, c.unit, c.phrases.map((p) => p.key)])).toEqual(
          full.map((c) => [c.value, c.unit, c.phrases.map((p) => p.key)]),
        );
      }),
      { numRuns: 300 },
    );
  });
});
