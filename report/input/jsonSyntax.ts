/**
 * Where a JSON text breaks, in a person's terms (line, column, what was expected there), instead of the JavaScript
 * engine's English message. Called only after JSON.parse has failed; a loop with an explicit stack, so no nesting
 * depth can exhaust the call stack, and one pass over the text.
 */
import type { Bilingual } from '../model/types';

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const EXPECTED: Record<Expect, Bilingual> = {
  value: { zh: '一个值（如 "文字"、数字、{、[）', en: 'a value (such as "text", a number, { or [)' },
  valueOrClose: { zh: '一个值或 ]', en: 'a value or ]' },
  key: { zh: '带双引号的属性名', en: 'a property name in double quotes' },
  keyOrClose: { zh: '带双引号的属性名或 }', en: 'a property name in double quotes or }' },
  colon: { zh: '冒号 :', en: 'a colon :' },
  commaOrClose: { zh: '逗号或右括号', en: 'a comma or a closing bracket' },
  end: { zh: '文件结束（JSON 只能有一个最外层的值）', en: 'the end (JSON holds one outermost value)' },
};

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** The offset where `text` stops being JSON and what was expected there; undefined if it is valid JSON. */
export function jsonBreak(text: string): { offset: number; expected: Bilingual } | undefined {
  const stack: string[] = []; // '{' or '['
  let expect: Expect = 'value';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = () => ({ offset: i, expected: EXPECTED[expect] });
  /** After a complete value: what may follow. */
  const after = (): Expect => (stack.length ? 'commaOrClose' : 'end');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) return expect === 'end' ? undefined : fail();
    const c = text[i]!;
    if (expect === 'end') return fail();
    if (expect === 'colon') {
      if (c !== ':') return fail();
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'commaOrClose') {
      const open = stack.at(-1);
      if (c === ',') {
        i++;
        expect = open === '{' ? 'key' : 'value';
      } else if ((c === '}' && open === '{') || (c === ']' && open === '[')) {
        i++;
        stack.pop();
        expect = after();
      } else return fail();
      continue;
    }
    if ((c === '}' && expect === 'keyOrClose') || (c === ']' && expect === 'valueOrClose')) {
      i++;
      stack.pop();
      expect = after();
      continue;
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (c !== '"') return fail();
      const end = stringEnd(text, i);
      if (end < 0) return stringBreak(text, -end - 1);
      i = end;
      expect = 'colon';
      continue;
    }
    // A value.
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return stringBreak(text, -end - 1);
      i = end;
      expect = after();
      continue;
    }
    NUMBER.lastIndex = LITERAL.lastIndex = i;
    const m = NUMBER.exec(text) ?? LITERAL.exec(text);
    if (!m) return fail();
    i += m[0].length;
    expect = after();
  }
}

function stringBreak(text: string, offset: number): { offset: number; expected: Bilingual } {
  if (offset >= text.length)
    return { offset, expected: { zh: '字符串的右引号 "', en: 'the closing quote " of a string' } };
  return {
    offset,
    expected: {
      zh: '字符串的右引号 "，或合法的字符（换行写作 \\n，反斜杠写作 \\\\）',
      en: 'the closing quote " or a character allowed in a string (a line break as \\n, a backslash as \\\\)',
    },
  };
}

/**
 * The offset after the string opening at `start`; a negative number (-offset - 1) where it breaks: a raw line break
 * or control character, a bad escape, or the end of the text.
 */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -i - 1;
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return -i - 1;
    }
  }
  return -text.length - 1;
}

/** "JSON 格式错误：第 3 行第 9 列……" — line and column from 1, counted in characters. */
export function jsonSyntaxMessage(text: string): Bilingual {
  if (text.trim() === '')
    return { zh: 'JSON 格式错误：内容为空或只有空白', en: 'Malformed JSON: it is empty or only white space' };
  const at = jsonBreak(text);
  const fix = {
    zh: '请检查该处附近的引号、逗号和括号（或用年报模板填写，不必手写 JSON）',
    en: 'check the quotes, commas and brackets near there (or fill in the template instead of writing JSON)',
  };
  if (!at) return { zh: `JSON 格式错误：${fix.zh}`, en: `Malformed JSON: ${fix.en}` };
  const before = text.slice(0, at.offset);
  const line = before.split('\n').length;
  const column = at.offset - before.lastIndexOf('\n');
  const found = at.offset >= text.length ? null : JSON.stringify(text.slice(at.offset, at.offset + 12));
  return {
    zh: `JSON 格式错误：第 ${line} 行第 ${column} 列${found ? `（${found}）` : '（文件在此结束）'}处应为${at.expected.zh}；${fix.zh}`,
    en: `Malformed JSON at line ${line}, column ${column}${found ? ` (${found})` : ' (where the text ends)'}: expected ${at.expected.en}; ${fix.en}`,
  };
}
