/**
 * The text of a report file, whatever it was saved as: UTF-8 (with or without a BOM), GB18030/GBK (what Chinese
 * Windows saves by default) or UTF-16 (little- or big-endian, with or without a BOM). The CLI and the server decide
 * it the same way; a charset the sender declares is taken at its word. What none of them reads as text is refused,
 * naming the encodings tried.
 */
import type { Bilingual } from '../model/types';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const ENCODINGS_TRIED: readonly string[] = ['UTF-8', 'GB18030 (GBK)', 'UTF-16LE', 'UTF-16BE'];

export class EncodingError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(`${bilingual.zh} / ${bilingual.en}`);
  }
}

function decoder(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return undefined;
  }
}

function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  try {
    return decoder(label)?.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Control characters other than tab, line breaks and form feed: text has none (binary has many). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g;
const HAN = /\p{Script=Han}/gu;

/**
 * Whether decoded text looks like text: hardly any control characters; for an encoding that reads almost any
 * bytes (GB18030, UTF-16), some Chinese too.
 */
function plausible(text: string, needsHan: boolean): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  const controls = sample.match(CONTROL)?.length ?? 0;
  if (controls > sample.length / 1000 + 2) return false;
  return !needsHan || (sample.match(HAN)?.length ?? 0) > 0;
}

/** UTF-16 without a BOM: the ASCII characters (digits, punctuation) leave a zero byte at one parity. */
function utf16Parity(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, 65_536);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = n / 2;
  // Ideographs at U+xx00 (一 is U+4E00) put a zero on the other side now and then.
  if (odd > pairs / 20 && even * 4 < odd) return 'utf-16le';
  if (even > pairs / 20 && odd * 4 < even) return 'utf-16be';
  return undefined;
}

function undecidable(): EncodingError {
  const list = ENCODINGS_TRIED.join('、');
  return new EncodingError({
    zh: `无法识别文件的文字编码（已尝试 ${list}）：请另存为 UTF-8 文本后重试。`,
    en: `The file's text encoding could not be told (tried ${ENCODINGS_TRIED.join(', ')}): save it as UTF-8 text and try again.`,
  });
}

/**
 * Decodes a report's text. `declared` is a charset the sender named (an HTTP Content-Type's charset): it is used
 * as given, and text that is not valid in it is refused. Otherwise: a BOM decides; then UTF-16 by its zero bytes;
 * then UTF-8 if the bytes are valid UTF-8; then GB18030 if they read as Chinese text. Throws EncodingError.
 */
export function decodeReportText(bytes: Uint8Array, declared?: string): { text: string; encoding: string } {
  if (declared) {
    const label = declared.trim().toLowerCase();
    if (!decoder(label))
      throw new EncodingError({ zh: `不支持的字符集 ${declared}`, en: `Unsupported charset ${declared}` });
    const text = tryDecode(bytes, label);
    if (text === undefined)
      throw new EncodingError({
        zh: `内容不是有效的 ${declared} 文本`,
        en: `The content is not valid ${declared} text`,
      });
    return { text: text.replace(/^\uFEFF/, ''), encoding: label };
  }
  const bom: [number[], TextEncoding][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ];
  for (const [mark, encoding] of bom) {
    if (mark.every((b, i) => bytes[i] === b)) {
      const text = tryDecode(bytes.subarray(mark.length), encoding);
      if (text === undefined || !plausible(text, false)) throw undecidable();
      return { text, encoding };
    }
  }
  const wide = utf16Parity(bytes);
  const order: TextEncoding[] = wide ? [wide] : ['utf-8', 'gb18030'];
  for (const encoding of order) {
    const text = tryDecode(bytes, encoding);
    if (text !== undefined && plausible(text, encoding !== 'utf-8')) return { text, encoding };
  }
  throw undecidable();
}
