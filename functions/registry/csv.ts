/**
 * A small RFC 4180 reader for the registry CSV: quoted fields (with "" and line breaks inside), CRLF or LF, a
 * leading BOM ignored. Bounded: it stops at `maxRecords` and refuses a field longer than `maxField`, so a hostile
 * file costs what its size allows and no more. Each record keeps the line it starts on, for messages.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: 'quote' | 'field-too-long' | 'too-many-records',
  ) {
    super(`${reason} at line ${line}`);
  }
}

export interface CsvLimits {
  readonly maxRecords: number;
  readonly maxField: number;
}

/** The records of `text`; blank lines are skipped. */
export function readCsv(text: string, limits: CsvLimits): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let inQuotes = false;
  const endField = () => {
    if (field.length > limits.maxField) throw new CsvError(line, 'field-too-long');
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== '') {
      if (records.length >= limits.maxRecords) throw new CsvError(start, 'too-many-records');
      records.push({ line: start, fields });
    }
    fields = [];
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
        if (field.length > limits.maxField) throw new CsvError(line, 'field-too-long');
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
      inQuotes = true;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      if (field.length > limits.maxField) throw new CsvError(line, 'field-too-long');
    }
  }
  if (inQuotes) throw new CsvError(start, 'quote');
  endRecord();
  return records;
}
