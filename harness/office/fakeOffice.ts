/**
 * A scripted stand-in for the Office host, served in place of office.js from Microsoft's CDN: the subset of the
 * Office and Excel APIs the add-in uses, over an in-memory workbook (fakeWorkbook.ts) changed by request batches
 * (fakeExcelApi.ts). Real .xlsx bytes go through the test's bridge (exceljs in Node) for insertWorksheetsFromBase64
 * and getFileAsync. The test drives it through window.__fakeExcel.
 */
import { run } from './fakeExcelApi';
import { book, BRIDGE, colLetters, colNum, fire, handlers, settings, sheetNamed, stats } from './fakeWorkbook';

const params = new URLSearchParams(window.location.search);
const succeeded = <T>(value: T) => ({ status: 'succeeded', value });

async function fileBytes(): Promise<Uint8Array> {
  const sheets = book.sheets.map((s) => ({ name: s.name, cells: Object.fromEntries(s.cells) }));
  const res = await fetch(`${BRIDGE}/build-xlsx`, {
    method: 'POST',
    body: JSON.stringify({ template: book.template, sheets }),
  });
  return new Uint8Array(await res.arrayBuffer());
}

const OfficeApi = {
  HostType: { Excel: 'Excel' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  FileType: { Compressed: 'compressed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  onReady(cb?: (info: unknown) => void) {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    cb?.(info);
    return Promise.resolve(info);
  },
  context: {
    displayLanguage: params.get('lang') ?? 'zh-CN',
    requirements: {
      isSetSupported: (name: string, v = '1.1') =>
        name === 'ExcelApi' ? Number(v.split('.')[1]) <= 13 : name === 'DialogApi',
    },
    document: {
      settings: {
        get: (name: string) => (settings.pending.has(name) ? settings.pending.get(name) : null),
        set: (name: string, value: unknown) => void settings.pending.set(name, JSON.parse(JSON.stringify(value))),
        saveAsync(cb?: (r: unknown) => void) {
          settings.saved = new Map(settings.pending);
          stats.settingsSaves++;
          cb?.(succeeded(undefined));
        },
      },
      getFileAsync(_type: string, opts: { sliceSize: number }, cb: (r: unknown) => void) {
        void fileBytes().then((bytes) => {
          stats.openFiles++;
          const size = opts.sliceSize;
          cb(
            succeeded({
              size: bytes.length,
              sliceCount: Math.ceil(bytes.length / size),
              getSliceAsync: (i: number, done: (r: unknown) => void) => {
                stats.fileSlices++;
                done(succeeded({ index: i, data: Array.from(bytes.subarray(i * size, (i + 1) * size)) }));
              },
              closeAsync: (done?: () => void) => {
                stats.openFiles--;
                stats.closedFiles++;
                done?.();
              },
            }),
          );
        });
      },
    },
    ui: {
      displayDialogAsync: (_u: string, _o: unknown, cb: (r: unknown) => void) =>
        cb({ status: 'failed', error: { code: 12007, message: 'no dialogs here' } }),
    },
  },
};

const ExcelApi = { run };

// ── What the test drives ─────────────────────────────────────────────────────────────────────────────────────────

const fakeExcel = {
  stats,
  /** A person types a value into one cell. */
  async type(sheet: string, address: string, value: unknown) {
    const s = sheetNamed(sheet);
    s.cells.set(address, value);
    await fire(handlers.changed, { worksheetId: s.id, address, triggerSource: 'Unknown' });
  },
  /** A person pastes a block (one change event for the whole range). */
  async paste(sheet: string, topLeft: string, rows: unknown[][]) {
    const s = sheetNamed(sheet);
    const [, col, row] = /^([A-Z]+)(\d+)$/.exec(topLeft)!;
    rows.forEach((r, i) => r.forEach((v, j) => s.cells.set(`${colLetters(colNum(col!) + j)}${Number(row) + i}`, v)));
    const end = `${colLetters(colNum(col!) + rows[0]!.length - 1)}${Number(row) + rows.length - 1}`;
    await fire(handlers.changed, { worksheetId: s.id, address: `${topLeft}:${end}`, triggerSource: 'Unknown' });
  },
  /** A person pastes values into several cells of a sheet at once (one change event over `eventRange`). */
  async fill(sheet: string, values: Record<string, unknown>, eventRange: string) {
    const s = sheetNamed(sheet);
    for (const [a, v] of Object.entries(values)) s.cells.set(a, v);
    await fire(handlers.changed, { worksheetId: s.id, address: eventRange, triggerSource: 'Unknown' });
  },
  cell: (sheet: string, address: string) => sheetNamed(sheet).cells.get(address) ?? '',
  fills: (sheet: string) => Object.fromEntries(sheetNamed(sheet).fills),
  sheetNames: () => book.sheets.map((s) => s.name),
  protectedSheets: () => book.sheets.filter((s) => s.protected).map((s) => s.name),
  selection: () => book.selection,
  /** The document settings as saved into the workbook. */
  savedSettings: () => Object.fromEntries(settings.saved),
  handlerCount: () => handlers.changed.size + handlers.added.size + handlers.deleted.size,
};

Object.assign(window, { Office: OfficeApi, Excel: ExcelApi, OfficeExtension: { Error }, __fakeExcel: fakeExcel });

/** What a test reaches as window.__fakeExcel (a type only: the stand-in runs in the page). */
export type FakeExcel = typeof fakeExcel;
