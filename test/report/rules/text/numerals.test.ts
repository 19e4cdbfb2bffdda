import { parseChineseNumeral, parseChinesePercent, parseCount } from '../../../../report/rules/text/numerals';

describe('Chinese numerals', () => {
  it.each([
    ['零', 0],
    ['〇', 0],
    ['一', 1],
    ['两', 2],
    ['四', 4],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十三', 23],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['两百', 200],
    ['九百九十九', 999],
    ['一千零一', 1001],
    ['三万二千', 32000],
    ['十万', 100000],
  ])('%s = %d', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it.each(['十四五', '二〇二一', '百', '千', '万', '十百', '一万万', '', '四五', '一百十', 'x'])(
    '%s is no numeral',
    (text) => {
      expect(parseChineseNumeral(text)).toBeUndefined();
    },
  );

  it('percent in words and Arabic counts', () => {
    expect(parseChinesePercent('五十')).toEqual({ value: 50, decimals: 0 });
    expect(parseChinesePercent('三十三点三')).toEqual({ value: 33.3, decimals: 1 });
    expect(parseChinesePercent('三十点')).toBeUndefined();
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('112')).toBe(112);
    expect(parseCount('二十三')).toBe(23);
  });
});
