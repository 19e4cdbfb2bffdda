/** Shared by the workbook tests: consistent reports, filling a template with exceljs, the zip parts of an xlsx. */
import ExcelJS from 'exceljs';
import { constants as zlibConstants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { cellId } from '../../../report/format';
import type { FormatDef } from '../../../report/format/types';
import type { CellValue, Report } from '../../../report/model/types';
import { table3ResultRows } from '../../../report/rules/tableRules';
import type { WorkbookLayout } from '../../../report/workbook/layout';
import { openZip } from '../../../report/workbook/zip';

/** A small deterministic generator, so the "random" consistent reports are reproducible. */
export function seeded(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/**
 * A report whose tables satisfy every relation: random results per applicant column, totals added up, 一 and 二
 * chosen so that the 勾稽关系 balances. Table 二 gets plain counts, a signed change, a fee with ≤ 4 decimals.
 */
export function consistentReport(format: FormatDef, seed = 1): Report {
  const rnd = seeded(seed);
  const values: Record<string, CellValue> = {};
  for (const c of format.cells) {
    if (c.table !== '二') continue;
    values[c.id] =
      c.kind === 'fee'
        ? (850 + rnd(100)) / 100
        : c.kind === 'amount'
          ? 120.25
          : c.kind === 'signedCount'
            ? rnd(7) - 3
            : rnd(20);
  }
  const parts = format.table3.columns.filter((c) => c.key !== 'total').map((c) => c.key);
  const valued = format.table3.rows.filter((r) => r.hasValues).map((r) => r.key);
  for (const col of parts) {
    let handled = 0;
    for (const row of table3ResultRows(format)) {
      // No 逾期未缴费 row: the prose says no fee notices were sent (TEXT-FEE holds them together).
      const v = rnd(4) === 0 && row !== 'otherUnpaid' ? rnd(5) : 0;
      values[cellId('三', row, col)] = v;
      handled += v;
    }
    const carryOver = rnd(3);
    const carried = rnd(handled + carryOver + 1);
    values[cellId('三', 'total', col)] = handled;
    values[cellId('三', 'carryOver', col)] = carryOver;
    values[cellId('三', 'carried', col)] = carried;
    values[cellId('三', 'new', col)] = handled + carryOver - carried;
  }
  for (const row of valued) {
    values[cellId('三', row, 'total')] = parts.reduce((s, col) => s + (values[cellId('三', row, col)] as number), 0);
  }
  for (const g of format.table4.groups) {
    let total = 0;
    for (const col of format.table4.columns) {
      if (col.key === 'total') continue;
      const v = rnd(3) === 0 ? 1 : 0;
      values[cellId('四', g.key, col.key)] = v;
      total += v;
    }
    values[cellId('四', g.key, 'total')] = total;
  }
  return {
    format: format.version,
    agency: '益阳市人力资源和社会保障局',
    year: format.version === '2021' ? 2021 : 2020,
    preamble: '本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为本年1月1日至12月31日。',
    sections: {
      overview: '（一）主动公开。本机关坚持以公开为常态。\n（二）依申请公开。依法答复每一件申请。',
      problems: '存在的主要问题：公开的及时性有待提高。改进情况：建立了发布审核制度。',
      other: '本年度未收取信息处理费，未发出收费通知。',
    },
    values,
  };
}

/** Sets cells of a workbook (by the layout's sheet and address) with exceljs, as a person would in Excel. */
export async function fillWorkbook(
  bytes: Uint8Array,
  layout: WorkbookLayout,
  cells: Record<string, ExcelJS.CellValue>,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  for (const [id, value] of Object.entries(cells)) {
    const slot = layout.byId.get(id);
    if (!slot) throw new Error(`no input ${id} in the layout`);
    wb.getWorksheet(slot.sheet)!.getCell(slot.address).value = value;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The parts of an xlsx (zip) by name, as bytes, in the zip's order. */
export function xlsxBinaryParts(bytes: Uint8Array): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  const entries = [...openZip(bytes).entries.values()].sort((a, b) => a.offset - b.offset);
  for (const e of entries) {
    const body = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    parts.set(e.name, new Uint8Array(e.method === 8 ? inflateRawSync(body) : Buffer.from(body)));
  }
  return parts;
}

/** The parts of an xlsx (zip) by name, as text. */
export function xlsxParts(bytes: Uint8Array): Map<string, string> {
  return new Map([...xlsxBinaryParts(bytes)].map(([name, b]) => [name, Buffer.from(b).toString('utf8')]));
}

/**
 * The workbook with some parts replaced (text or bytes) or added, written again as a plain zip: for building
 * hostile variants of the template in a test rather than checking binaries in.
 */
export function rezip(
  bytes: Uint8Array,
  changes: Record<string, string | Uint8Array | NonNullable<ZipInput['deflated']>>,
  extra: ZipInput[] = [],
): Uint8Array {
  const inputs: ZipInput[] = [...xlsxBinaryParts(bytes)].map(([name, content]) => {
    const change = changes[name];
    if (change === undefined) return { name, content };
    if (typeof change === 'string') return { name, content: new TextEncoder().encode(change) };
    if (change instanceof Uint8Array) return { name, content: change };
    return { name, content: new Uint8Array(0), deflated: change };
  });
  return makeZip([...inputs, ...extra]);
}

/** The worksheet part of each sheet name, following workbook.xml and its relationships. */
export function sheetParts(parts: Map<string, string>): Map<string, string> {
  const rels = new Map(
    [
      ...parts.get('xl/_rels/workbook.xml.rels')!.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g),
    ].map((m) => [m[1]!, m[2]!]),
  );
  const relsAlt = new Map(
    [
      ...parts.get('xl/_rels/workbook.xml.rels')!.matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g),
    ].map((m) => [m[2]!, m[1]!]),
  );
  const out = new Map<string, string>();
  for (const m of parts.get('xl/workbook.xml')!.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = (rels.get(m[2]!) ?? relsAlt.get(m[2]!))!.replace(/^\/?(xl\/)?/, '');
    out.set(m[1]!, parts.get(`xl/${target}`)!);
  }
  return out;
}

/** Errors only, as `rule` → cell ids, for comparing findings. */
export function errorSummary(findings: { rule: string; severity: string; cells: { id: string }[] }[]): string[] {
  return findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.cells.map((c) => c.id).join(',')}`);
}

export interface ZipInput {
  name: string;
  /** The uncompressed content; deflated unless `stored`. */
  content: Uint8Array;
  /** The deflated content, when it is made some other way (zerosDeflated): `content` is then ignored. */
  deflated?: { body: Uint8Array; size: number };
  stored?: boolean;
  /** What the headers claim the uncompressed size is (a lying zip bomb understates it). */
  declaredSize?: number;
  /** Left out of the count in the end-of-directory record (its directory record is still written). */
  unlisted?: boolean;
  /** Written in the file but given no directory record at all. */
  hidden?: boolean;
}

/** A minimal zip writer (no data descriptors, no zip64), enough to build hostile test files. */
export function makeZip(inputs: ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of inputs) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflated
      ? Buffer.from(e.deflated.body)
      : e.stored
        ? Buffer.from(e.content)
        : deflateRawSync(e.content);
    const size = e.declaredSize ?? e.deflated?.size ?? e.content.byteLength;
    const crc = e.deflated ? 0 : crc32(e.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    if (!e.hidden) centrals.push(central, name);
    offset += local.byteLength + name.byteLength + body.byteLength;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  const listed = inputs.filter((e) => !e.unlisted && !e.hidden).length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(dir.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

/**
 * A deflate stream that inflates to `mb` MiB of zeros, made in a few milliseconds without holding them: one MiB
 * deflated and flushed to a byte boundary, repeated, then an empty final block.
 */
export function zerosDeflated(mb: number): { body: Uint8Array; size: number } {
  const one = deflateRawSync(new Uint8Array(1024 * 1024), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const body = Buffer.concat([...Array.from({ length: mb }, () => one), Buffer.from([0x03, 0x00])]);
  return { body: new Uint8Array(body), size: mb * 1024 * 1024 };
}
