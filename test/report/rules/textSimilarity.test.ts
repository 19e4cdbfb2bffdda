/** report/rules/textSimilarity.ts (YEAR-COPY's measure): what it is, and that the fast form equals the definition. */
import fc from 'fast-check';
import { textSimilarity } from '../../../report/rules/textSimilarity';

describe('textSimilarity', () => {
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
