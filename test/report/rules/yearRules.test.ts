import fc from 'fast-check';
import { validate } from '../../../report/rules';
import { textSimilarity } from '../../../report/rules/yearRules';
import type { Report } from '../../../report/model/types';
import { consistentReport } from '../../../harness/reports';

const of = (r: Report, rule: string, previous?: Report) => validate(r, { previous }).filter((f) => f.rule === rule);

/** This year's report continuing last year's: 二 = last 四, in force = last + issued − repealed. */
function pair(): { prev: Report; now: Report } {
  const prev = consistentReport({ seed: 21, year: 2024 });
  const now = consistentReport({ seed: 22, year: 2025 });
  for (const c of ['natural', 'business', 'research', 'nonprofit', 'legal', 'other', 'total']) {
    const carried = prev.values[`t3.carryOver.${c}`] as number;
    const delta = carried - (now.values[`t3.carried.${c}`] as number);
    now.values[`t3.carried.${c}`] = carried;
    now.values[`t3.new.${c}`] = (now.values[`t3.new.${c}`] as number) - delta;
  }
  // This year's prose is this year's own.
  now.sections.overview =
    '2025年，本机关围绕数据开放和政策解读两个重点推进公开工作，新建依申请公开网上办理系统，答复更加规范及时。';
  now.sections.problems = '主要问题：基层公开专栏更新不够及时。改进措施：建立专栏每月巡查制度，由办公室通报更新情况。';
  for (const row of ['rules', 'normative']) {
    now.values[`t2.${row}.inForce`] =
      (prev.values[`t2.${row}.inForce`] as number) +
      (now.values[`t2.${row}.issued`] as number) -
      (now.values[`t2.${row}.repealed`] as number);
  }
  return { prev, now };
}

describe('cross-year rules (YEAR-*)', () => {
  it('a report that continues last year’s passes, and YEAR-* need the previous report', () => {
    const { prev, now } = pair();
    // new may have gone negative in the adjustment: keep the fixture honest.
    expect(validate(now, { previous: prev }).filter((f) => f.severity !== 'info')).toEqual([]);
    now.values['t3.carried.natural'] = (now.values['t3.carried.natural'] as number) + 1;
    expect(of(now, 'YEAR-CARRY')).toEqual([]);
  });

  it('YEAR-CARRY: 二 differs from last year’s 四 in a column', () => {
    const { prev, now } = pair();
    prev.values['t3.carryOver.legal'] = (prev.values['t3.carryOver.legal'] as number) + 2;
    const f = of(now, 'YEAR-CARRY', prev);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.cells).toEqual([
      { id: 't3.carried.legal', table: '三', row: '二、上年结转政府信息公开申请数量', column: '法律服务机构' },
    ]);
    expect(f[0]!.message.zh).toContain('2024年度报告「四、结转下年度继续办理」');
  });

  it('YEAR-IN-FORCE: 现行有效件数 that does not follow from last year’s', () => {
    const { prev, now } = pair();
    now.values['t2.normative.inForce'] = (now.values['t2.normative.inForce'] as number) + 1;
    const f = of(now, 'YEAR-IN-FORCE', prev);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message.zh).toContain('行政规范性文件');
  });

  it('YEAR-COPY: a section copied from last year, or last year’s year left in the text', () => {
    const { prev, now } = pair();
    const text =
      '2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。';
    prev.sections.overview = text;
    now.sections.overview = text.replace('2024年，', '2025年，');
    let f = of(now, 'YEAR-COPY', prev);
    expect(f).toHaveLength(1);
    expect(f[0]!.section).toBe('overview');
    now.sections.overview =
      '2025年，我局围绕数据开放和政策解读两个重点，新建了依申请公开网上办理系统，平均答复时间缩短到八个工作日。';
    expect(of(now, 'YEAR-COPY', prev)).toEqual([]);
    now.sections.problems = '2024年，我局政务公开工作取得新进展。但仍存在公开内容不够全面等问题。';
    f = of(now, 'YEAR-COPY');
    expect(f).toHaveLength(1);
    expect(f[0]!.excerpt).toContain('2024年，');
  });

  it('textSimilarity is 1 for the same text, ignores punctuation, and is low for different texts', () => {
    expect(textSimilarity('一二三四五', '一二三四五')).toBe(1);
    expect(textSimilarity('一二，三四五。', '一二三四五')).toBe(1);
    expect(textSimilarity('我局全面推进政务公开', '天气晴朗适合出游')).toBeLessThan(0.2);
  });

  it('property: the fast similarity equals the plain definition (bigram multisets, spaces and punctuation ignored)', () => {
    /** The definition, written plainly: Sørensen–Dice over character bigrams. */
    const reference = (a: string, b: string): number => {
      const grams = (s: string) => {
        const t = [...s.replace(/[\s\p{P}]+/gu, '')].join('');
        const m = new Map<string, number>();
        for (let i = 0; i + 1 < t.length; i++) m.set(t.slice(i, i + 2), (m.get(t.slice(i, i + 2)) ?? 0) + 1);
        return { m, n: Math.max(0, t.length - 1) };
      };
      const A = grams(a);
      const B = grams(b);
      if (A.n + B.n === 0) return 1;
      let shared = 0;
      for (const [g, k] of A.m) shared += Math.min(k, B.m.get(g) ?? 0);
      return (2 * shared) / (A.n + B.n);
    };
    const text = fc.string({
      unit: fc.constantFrom(...'政府信息公开申请予以部分不 ，。、1２+“”'.split('')),
      maxLength: 80,
    });
    fc.assert(
      fc.property(text, text, (a, b) => Math.abs(textSimilarity(a, b) - reference(a, b)) < 1e-9),
      { numRuns: 3000 },
    );
    // With a threshold, an early answer is only promised to be on the right side of it.
    fc.assert(
      fc.property(
        text,
        text,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (a, b, t) => textSimilarity(a, b, t) >= t === reference(a, b) >= t - 1e-12,
      ),
      { numRuns: 3000 },
    );
    // Last year's side is prepared once and kept for a few texts: many comparisons against a pool larger than what
    // is kept, in any order, each still equal to the definition.
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 8, maxLength: 8 }),
        fc.array(fc.tuple(text, fc.nat(7)), { minLength: 1, maxLength: 40 }),
        (pool, pairs) => pairs.every(([a, i]) => Math.abs(textSimilarity(a, pool[i]!) - reference(a, pool[i]!)) < 1e-9),
      ),
      { numRuns: 300 },
    );
    // Long texts: what is kept is bounded by memory (each of these takes ~2 MB), so they push each other out.
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = '政府信息公开申请予以部分不，。、123年度工作';
    const long = () => Array.from({ length: 120_000 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const lasts = Array.from({ length: 5 }, long);
    const now = long();
    for (let round = 0; round < 2; round++) {
      for (const last of lasts) expect(Math.abs(textSimilarity(now, last) - reference(now, last))).toBeLessThan(1e-9);
    }
  });
});
