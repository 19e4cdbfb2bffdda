/** Where broken JSON breaks, told as line and column; JSON.parse is the oracle for what is JSON at all. */
import { jsonBreak, jsonSyntaxMessage } from '../../../report/input/jsonSyntax';

const VALID = [
  '{"year":2021,"agency":"益阳市","values":{"t2.rules.made":1,"t3.new.total":0},"sections":{"other":"无。\\n\\t\\"引号\\""}}',
  '[true,false,null,-0,1.5e-3,"\\u00e9\\/",[],{}]',
  ' \n\t "just a string" \r\n',
  '0',
];

test('valid JSON breaks nowhere', () => {
  for (const text of VALID) expect(jsonBreak(text)).toBeUndefined();
});

test('it breaks where JSON.parse fails, for every cut and every one-character change of valid texts', () => {
  const parses = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  let broken = 0;
  for (const text of VALID) {
    const variants: string[] = [];
    for (let i = 0; i <= text.length; i++) {
      variants.push(text.slice(0, i));
      for (const c of ['"', ',', '}', ']', ':', 'x', '\n', '\\', ' '])
        variants.push(text.slice(0, i) + c + text.slice(i + 1), text.slice(0, i) + c + text.slice(i));
    }
    for (const v of variants) {
      const at = jsonBreak(v);
      expect([v, at === undefined]).toEqual([v, parses(v)]);
      if (at) {
        broken++;
        // Everything before the break is a prefix of some JSON: the break is never past the end.
        expect(at.offset).toBeLessThanOrEqual(v.length);
      }
    }
  }
  expect(broken).toBeGreaterThan(1000);
});

test('the message names line, column and what was expected, never the engine’s English', () => {
  const cases: [string, RegExp, RegExp][] = [
    [
      '{"a":',
      /第 1 行第 6 列（文件在此结束）处应为一个值/,
      /line 1, column 6 \(where the text ends\): expected a value/,
    ],
    ['{\n  "a": 1,\n  "b": 2,\n}', /第 4 行第 1 列（"}"）处应为带双引号的属性名/, /line 4, column 1 .*property name/],
    ['{"a" 1}', /第 1 行第 6 列.*冒号/, /expected a colon/],
    ['{"a":[1,2}', /第 1 行第 10 列.*逗号或右括号/, /comma or a closing bracket/],
    ['{"a":1}}', /第 1 行第 8 列.*文件结束/, /expected the end/],
    ['{"a":"x\ny"}', /第 1 行第 8 列.*换行写作 \\n/, /line break as \\n/],
    ['   ', /内容为空/, /empty/],
  ];
  for (const [text, zh, en] of cases) {
    const m = jsonSyntaxMessage(text);
    expect(m.zh).toMatch(zh);
    expect(m.en).toMatch(en);
    expect(m.zh).not.toMatch(/Unexpected|position|valid JSON/);
  }
});

test('two million open brackets are read in one pass without exhausting the stack', () => {
  const t0 = Date.now();
  expect(jsonBreak('['.repeat(2_000_000))?.offset).toBe(2_000_000);
  expect(Date.now() - t0).toBeLessThan(5000);
});
