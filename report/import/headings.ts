/**
 * Section headings by their meaning: a numeral 一…六 and the key words of its section (`四、…复议…诉讼…情况`), at the
 * start of a line or inside one (a page's text runs headings into the words around them). The official wording is
 * found wherever it stands; a heading worded otherwise (`五、存在的主要问题及改进措施`) needs its key words and a
 * closing word (情况, 措施, 事项 …), and is reported as drift. Headings listed in a row (`一、总体情况；二、…`) are
 * a table of contents, not headings.
 */
import { SECTIONS } from '../format';
import type { SectionDef, SectionId } from '../format/types';
import { headingEnd, headingKey } from './normalize';

export interface HeadingFound {
  readonly id: SectionId;
  /** Where the heading starts and ends in the line. */
  readonly start: number;
  readonly end: number;
  /** The heading as written. */
  readonly text: string;
  /** Worded as the official heading (after normalising punctuation and spaces). */
  readonly official: boolean;
  /** Followed at once by a word (`一、总体情况良好…`, or a page's text run together): a repeat of it is prose. */
  readonly glued: boolean;
}

const NUMERALS = '一二三四五六';
/** The words that make a heading the section's, by section (in SECTIONS order). */
const KEY_WORDS: Readonly<Record<SectionId, RegExp>> = {
  overview: /总体|概述|概况|基本情况/,
  active: /主动公开/,
  applications: /申请/,
  review: /复议|诉讼/,
  problems: /问题|不足|改进/,
  other: /其他|其它|需要报告|事项/,
};
/** A heading worded otherwise ends with one of these words. */
const DRIFTED = new RegExp(
  `^[${NUMERALS}]\\s*[、.．,，]\\s*([^。；;！？!?\\n|｜0-9０-９]{1,36}?(?:情况|措施|事项|情形|概述))`,
);
/** Another numbered item inside: two labels run together (`四、结转下年度继续办理四、政府…`), not one heading. */
const INNER_ITEM = /[一二三四五六七八九十][、.．]/;
/** A short line that is all heading (`一、概述`). */
const WHOLE_LINE = new RegExp(`^[${NUMERALS}]\\s*[、.．,，]\\s*[^。；;！？!?|｜]{1,36}$`);
const HAN = /\p{Script=Han}/u;
/** What may separate headings listed in a row (a table of contents in the preamble). */
const LIST_GAP = /^[\s；;，,、。.:：]*$/;

const BY_NUMERAL = new Map<string, { def: SectionDef; key: string }>(
  SECTIONS.map((def, i) => [NUMERALS[i]!, { def, key: headingKey(def.heading) }]),
);

function candidateAt(line: string, at: number, lineStart: boolean): HeadingFound | undefined {
  const section = BY_NUMERAL.get(line[at]!);
  if (!section) return undefined;
  const { def, key } = section;
  const rest = line.slice(at);
  const end = headingEnd(rest, key);
  if (end >= 0) {
    const text = rest.slice(0, end).trim();
    return { id: def.id, start: at, end: at + end, text, official: true, glued: HAN.test(line.charAt(at + end)) };
  }
  // Worded otherwise: never right after a word (`统一…`), always with the section's key words.
  if (at > 0 && HAN.test(line[at - 1]!)) return undefined;
  const drifted = DRIFTED.exec(rest.slice(0, 48));
  const whole = lineStart && rest.length <= 40 && WHOLE_LINE.test(rest.trim()) ? rest.trim() : undefined;
  const text = drifted?.[0] ?? whole;
  if (!text || !KEY_WORDS[def.id].test(text.slice(2)) || INNER_ITEM.test(text.slice(2))) return undefined;
  const stop = at + text.length;
  return { id: def.id, start: at, end: stop, text: text.trim(), official: false, glued: HAN.test(line.charAt(stop)) };
}

/**
 * Where a heading can start: a numeral followed by the mark of a numbered item (`四、`, `四 .`), or, after marks and
 * spaces that count for nothing, by the next word of its official heading (`四 政府…`). Other numerals (`一般`) are
 * skipped without a look, which keeps long pages fast.
 */
const ITEM_START = new RegExp(
  `[${NUMERALS}](?=[\\s\u00a0\u3000\u200b-\u200d\u2060\ufeff、,，.．:：;；"'“”‘’「」]*[、.．,，${SECTIONS.map((s) => s.heading.charAt(2)).join('')}])`,
  'g',
);

/** The section headings in a line, in order (none inside a table of contents). */
export function headingsIn(line: string): HeadingFound[] {
  const found: HeadingFound[] = [];
  const firstWord = line.search(/\S/);
  ITEM_START.lastIndex = 0;
  for (let m = ITEM_START.exec(line); m; m = ITEM_START.exec(line)) {
    const h = candidateAt(line, m.index, m.index === firstWord);
    if (h) {
      found.push(h);
      ITEM_START.lastIndex = h.end;
    }
  }
  return found.filter((h, k) => {
    const prev = found[k - 1];
    const next = found[k + 1];
    const listed =
      (prev && LIST_GAP.test(line.slice(prev.end, h.start))) || (next && LIST_GAP.test(line.slice(h.end, next.start)));
    return !listed;
  });
}
