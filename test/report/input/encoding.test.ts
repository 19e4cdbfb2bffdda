/** The encodings a report's text arrives in, told apart the same way by the CLI and the server. */
import { execFileSync } from 'node:child_process';
import { decodeReportText, EncodingError } from '../../../report/input/encoding';

const TEXT =
  '一、总体情况\n2023年，共收到政府信息公开申请3件。\n一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3\n';

/** The text in another encoding, as iconv writes it (the test makes its inputs; no binaries checked in). */
function iconv(text: string, to: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: Buffer.from(text, 'utf8') });
}

describe('decodeReportText', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8'],
    ['GB18030', iconv(TEXT, 'GB18030'), 'gb18030'],
    ['GBK', iconv(TEXT, 'GBK'), 'gb18030'],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le'],
    ['UTF-16LE without', Buffer.from(TEXT, 'utf16le'), 'utf-16le'],
    ['UTF-16LE with a BOM, as iconv writes UTF-16', iconv(TEXT, 'UTF-16'), 'utf-16le'],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv(TEXT, 'UTF-16BE')]), 'utf-16be'],
    ['UTF-16BE without', iconv(TEXT, 'UTF-16BE'), 'utf-16be'],
  ])('%s', (_name, bytes, encoding) => {
    const decoded = decodeReportText(bytes);
    expect(decoded.text).toBe(TEXT);
    expect(decoded.encoding).toBe(encoding);
  });

  it('takes a declared charset at its word, and refuses text that is not valid in it', () => {
    expect(decodeReportText(iconv(TEXT, 'GB18030'), 'GB18030').text).toBe(TEXT);
    expect(() => decodeReportText(iconv(TEXT, 'GB18030'), 'utf-8')).toThrow(EncodingError);
    expect(() => decodeReportText(Buffer.from('x'), 'x-nope')).toThrow(/x-nope/);
  });

  it('refuses what none of them reads as text, naming the encodings tried', () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    for (const bytes of [
      random,
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]),
    ]) {
      let error: unknown;
      try {
        decodeReportText(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EncodingError);
      const { zh, en } = (error as EncodingError).bilingual;
      expect(zh).toContain('GB18030');
      expect(en).toMatch(/UTF-8.*GB18030.*UTF-16LE.*UTF-16BE/);
    }
  });
});
