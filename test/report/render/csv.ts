/** A strict RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF), to read toCsv's output back. */
export function readCsv(text: string): { fields: string[][]; quoted: boolean[][] } {
  const fields: string[][] = [];
  const quoted: boolean[][] = [];
  let row: string[] = [];
  let rowQuoted: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let isQuoted = false;
    if (text[i] === '"') {
      isQuoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        value += text[i++];
      }
    }
    row.push(value);
    rowQuoted.push(isQuoted);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      fields.push(row);
      quoted.push(rowQuoted);
      row = [];
      rowQuoted = [];
      i += 2;
    } else if (i < text.length) {
      throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
    }
  }
  if (row.length) throw new Error('last record not ended by CRLF');
  return { fields, quoted };
}
