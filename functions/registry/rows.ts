/**
 * The registry CSV's rows, checked one by one: the header names the columns (contract/registry.ts), each row must
 * hold a valid id, name, level and kind, references in the right form, settings only where they mean something.
 * Every fault is reported with its line and column; nothing is guessed.
 */
import type { Bilingual } from '../../contract/bilingual';
import { AGENCY_ID } from '../../contract/limits';
import {
  CONSOLIDATE_WORDS,
  KINDS,
  LEVELS,
  MAX_IMPORT_ROWS,
  PUBLISH_ON_WORDS,
  REGISTRY_COLUMNS,
  type AgencyKind,
  type AgencyLevel,
  type ConsolidationScope,
  type ImportLineError,
  type PublishOn,
  type RegistryField,
} from '../../contract/registry';
import { CsvError, readCsv } from './csv';

export interface RegistryRow {
  readonly line: number;
  readonly agency: string;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly kind: AgencyKind;
  readonly parent: string | null;
  readonly office: string | null;
  readonly email?: string;
  readonly publishOn?: PublishOn;
  readonly consolidate?: ConsolidationScope;
  readonly departmentDeadline?: string;
  readonly governmentDeadline?: string;
}

const MAX_NAME = 128;
const EMAIL = /^[^\s@,;<>"]{1,64}@[^\s@,;<>"]{1,190}\.[^\s@,;<>"]{2,}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Control, format (zero-width, bidi) and line characters do not belong in an official name. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function columnName(field: RegistryField): string {
  const c = REGISTRY_COLUMNS.find((x) => x.field === field)!;
  return `${c.zh}（${field}）`;
}

export function validMonthDay(s: string): boolean {
  const m = MONTH_DAY.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

/** Header cell → field: the Chinese name, the English field name, or both ("机关代码 agency"). */
function fieldOf(header: string): RegistryField | undefined {
  const h = header.trim().toLowerCase();
  for (const c of REGISTRY_COLUMNS) {
    const en = c.field.toLowerCase();
    if (h === c.zh || h === en || h.includes(c.zh) || h.split(/[\s/（）()]+/).includes(en)) return c.field;
  }
  return undefined;
}

export interface ParsedRows {
  readonly rows: RegistryRow[];
  readonly errors: ImportLineError[];
}

/** Reads and checks every row; errors are collected (all of them, in line order), rows with errors left out. */
export function parseRegistry(text: string): ParsedRows {
  let records;
  try {
    records = readCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1, maxField: 512 });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const message: Record<CsvError['reason'], Bilingual> = {
      quote: { zh: '引号没有闭合', en: 'a quote is never closed' },
      'field-too-long': { zh: '字段过长（超过 512 个字符）', en: 'a field is too long (over 512 characters)' },
      'too-many-records': {
        zh: `超过 ${MAX_IMPORT_ROWS} 行：请按省或市分批导入（先导入上级）`,
        en: `more than ${MAX_IMPORT_ROWS} rows: import in parts, by province or city, the upper levels first`,
      },
    };
    return { rows: [], errors: [{ line: e.line, message: message[e.reason] }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: { zh: '文件为空', en: 'the file is empty' } }] };
  const fields = header.fields.map(fieldOf);
  const errors: ImportLineError[] = [];
  header.fields.forEach((h, i) => {
    if (!fields[i] && h.trim())
      errors.push({ line: header.line, message: { zh: `无法识别的列名「${h}」`, en: `unknown column “${h}”` } });
  });
  for (const c of REGISTRY_COLUMNS) {
    if (c.required && !fields.includes(c.field))
      errors.push({
        line: header.line,
        message: { zh: `缺少必填列「${c.zh}」`, en: `the required column “${c.zh}” (${c.field}) is missing` },
      });
  }
  if (errors.length) return { rows: [], errors };

  const rows: RegistryRow[] = [];
  const firstLine = new Map<string, number>();
  for (const record of body) {
    const value = (f: RegistryField) => {
      const i = fields.indexOf(f);
      return i >= 0 ? (record.fields[i] ?? '').trim() : '';
    };
    const before = errors.length;
    const fail = (field: RegistryField, zh: string, en: string) =>
      errors.push({ line: record.line, column: columnName(field), message: { zh, en } });
    const agency = value('agency');
    if (!AGENCY_ID.test(agency))
      fail('agency', `「${agency}」不是有效的机关代码（小写字母、数字、连字符）`, `“${agency}” is not a valid id`);
    else if (firstLine.has(agency))
      fail(
        'agency',
        `${agency} 与第 ${firstLine.get(agency)} 行重复`,
        `${agency} repeats line ${firstLine.get(agency)}`,
      );
    else firstLine.set(agency, record.line);
    const name = value('name');
    if (!name || name.length > MAX_NAME || INVISIBLE.test(name))
      fail('name', `机关名称应为 1–${MAX_NAME} 个可见字符`, `the name must be 1–${MAX_NAME} visible characters`);
    const level = value('level') as AgencyLevel;
    if (!LEVELS.includes(level)) fail('level', `层级应为 ${LEVELS.join('、')}`, `level must be one of ${LEVELS}`);
    const kind = value('kind') as AgencyKind;
    if (!KINDS.includes(kind)) fail('kind', '类别应为 政府 或 部门', 'kind must be 政府 or 部门');
    const parent = value('parent') || null;
    const office = value('office') || null;
    for (const [field, ref] of [
      ['parent', parent],
      ['office', office],
    ] as const) {
      if (ref === null) continue;
      if (!AGENCY_ID.test(ref)) fail(field, `「${ref}」不是有效的机关代码`, `“${ref}” is not a valid id`);
      else if (ref === agency) fail(field, '不能指向本机关自己', 'cannot name the agency itself');
    }
    if (kind === '部门' && parent === null)
      fail('parent', '部门须填写所属的本级政府', 'a department needs the government it belongs to');
    const email = value('email') || undefined;
    if (email && !EMAIL.test(email)) fail('email', `「${email}」不是邮箱地址`, `“${email}” is not an email address`);
    const publishText = value('publishOn');
    const publishOn = publishText ? PUBLISH_ON_WORDS[publishText] : undefined;
    if (publishText && !publishOn)
      fail('publishOn', '公开方式应为 通过后公开 或 报送后公开', 'publishOn must be 通过后公开 or 报送后公开');
    const consolidateText = value('consolidate');
    const consolidate = consolidateText ? CONSOLIDATE_WORDS[consolidateText] : undefined;
    if (consolidateText && !consolidate)
      fail('consolidate', '汇总范围应为 本级部门 或 全部', 'consolidate must be 本级部门 or 全部');
    if (kind === '部门' && (publishText || consolidateText))
      fail(publishText ? 'publishOn' : 'consolidate', '只有政府行可以设置', 'only government rows set this');
    const deadlines: Partial<Record<'departmentDeadline' | 'governmentDeadline', string>> = {};
    for (const field of ['departmentDeadline', 'governmentDeadline'] as const) {
      const v = value(field);
      if (!v) continue;
      if (!validMonthDay(v)) fail(field, `「${v}」不是 MM-DD 形式的日期`, `“${v}” is not a MM-DD date`);
      else if (kind !== '政府' || parent !== null)
        fail(field, '截止日只能在最上一级政府（省）行设置', 'deadlines are set on top-level government rows only');
      else deadlines[field] = v;
    }
    if (errors.length > before) continue;
    rows.push({
      line: record.line,
      agency,
      name,
      level,
      kind,
      parent,
      office,
      ...(email ? { email } : {}),
      ...(publishOn ? { publishOn } : {}),
      ...(consolidate ? { consolidate } : {}),
      ...deadlines,
    });
  }
  if (body.length === 0 && errors.length === 0)
    errors.push({ line: header.line, message: { zh: '文件只有表头，没有机关', en: 'the file has a header only' } });
  return { rows, errors };
}
