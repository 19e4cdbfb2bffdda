/** JSON from outside is measured before it is parsed: deep nesting is refused in one linear pass. */
import fc from 'fast-check';
import { InputError, loadReport } from '../../../report/input';
import { jsonTooDeep, MAX_JSON_DEPTH, parseJsonBounded } from '../../../report/input/json';

/** The nesting depth of a parsed value, for comparison. */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

describe('JSON nesting', () => {
  it('measures the depth JSON.parse would build, brackets inside strings (escaped quotes too) not counted', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(jsonTooDeep(text, limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 500 },
    );
    expect(jsonTooDeep('["[[[[\\"[[[[", {"a": "}}}{{{"}]', 2)).toBe(false);
  });

  it('3 MB of [ is refused in milliseconds, without JSON.parse', () => {
    const text = '['.repeat(1_500_000) + ']'.repeat(1_500_000);
    const started = performance.now();
    expect(parseJsonBounded(text)).toEqual({
      ok: false,
      tooDeep: true,
      message: `nested deeper than ${MAX_JSON_DEPTH}`,
    });
    expect(performance.now() - started).toBeLessThan(1000); // JSON.parse alone takes ~4 s on it
  });

  it('a JSON file nested too deeply is not a report (E-JSON-DEPTH); malformed JSON is E-JSON-SYNTAX', async () => {
    const code = async (s: string) =>
      loadReport(new TextEncoder().encode(s), 'json').then(
        () => 'ok',
        (e: unknown) => (e instanceof InputError ? e.code : String(e)),
      );
    expect(await code(`{"values":${'['.repeat(100)}${']'.repeat(100)}}`)).toBe('E-JSON-DEPTH');
    expect(await code('{"values":')).toBe('E-JSON-SYNTAX');
  });
});
