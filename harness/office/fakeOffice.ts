/**
 * A scripted stand-in for the Office host, served in place of office.js from Microsoft's CDN: the subset of the
 * Office and Excel APIs the add-in uses, over an in-memory workbook. Batches queue operations and run them on
 * context.sync() (counted); missing sheets fail with ItemNotFound; protected sheets refuse writes to locked cells
 * and formatting, as Excel does. Real .xlsx bytes go through the test's bridge (exceljs in Node) for
 * insertWorksheetsFromBase64 and getFileAsync. The test drives it through window.__fakeExcel.
 */

/** On the page's own origin (the test routes it), so the pane's Content-Security-Policy lets the stand-in call it. */
const BRIDGE = '/__fake-office';

interface Sheet {
  id: string;
  name: string;
  cells: Map<string, unknown>;
  protected: boolean;
  unlocked: Set<string>;
  fills: Map<string, string>;
}

interface Book {
  sheets: Sheet[];
  active?: string;
  selection?: string;
  /** The template inserted last (base64), for building the file. */
  template?: string;
}

type ChangeHandler = (args: Record<string, unknown>) => Promise<unknown>;

const book: Book = {
  sheets: [{ id: '{S0}', name: 'Sheet1', cells: new Map(), protected: false, unlocked: new Set(), fills: new Map() }],
};
const handlers = {
  changed: new Set<ChangeHandler>(),
  added: new Set<ChangeHandler>(),
  deleted: new Set<ChangeHandler>(),
};
const stats = { syncs: 0, openFiles: 0, closedFiles: 0, fileSlices: 0, settingsSaves: 0, errors: [] as string[] };
/** The workbook's document settings (Office.context.document.settings): set in memory, kept by saveAsync. */
const settings = { pending: new Map<string, unknown>(), saved: new Map<string, unknown>() };
let sheetSeq = 1;

function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: 'RichApi.Error' });
}

function sheetNamed(name: string): Sheet {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw officeError('ItemNotFound', `The requested resource does not exist: ${name}`);
  return s;
}

function colNum(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellsOf(range: string): { rows: number; cols: number; at(r: number, c: number): string } {
  const [a, b = a] = range.replace(/\$/g, '').split(':');
  const [, ca, ra] = /^([A-Z]+)(\d+)$/.exec(a!)!;
  const [, cb, rb] = /^([A-Z]+)(\d+)$/.exec(b!)!;
  const top = Number(ra);
  const left = colNum(ca!);
  return {
    rows: Number(rb) - top + 1,
    cols: colNum(cb!) - left + 1,
    at: (r, c) => `${colLetters(left + c)}${top + r}`,
  };
}

async function fire(set: Set<ChangeHandler>, args: Record<string, unknown>): Promise<void> {
  for (const h of set) await h({ type: 'WorksheetChanged', source: 'Local', changeType: 'RangeEdited', ...args });
}

// ── Request batches ──────────────────────────────────────────────────────────────────────────────────────────────

type Op = () => void | Promise<void>;

class RequestContext {
  readonly queue: Op[] = [];
  readonly workbook: ReturnType<typeof workbookProxy>;
  constructor() {
    this.workbook = workbookProxy(this);
  }
  async sync(): Promise<void> {
    stats.syncs++;
    const ops = this.queue.splice(0);
    for (const op of ops) {
      try {
        await op();
      } catch (e) {
        stats.errors.push(String((e as Error).message));
        throw e;
      }
    }
  }
}

function rangeProxy(ctx: RequestContext, sheetName: string, address: string) {
  const state: { values?: unknown[][] } = {};
  const written: string[] = [];
  const proxy = {
    load(_props: string) {
      ctx.queue.push(() => {
        const s = sheetNamed(sheetName);
        const g = cellsOf(address);
        state.values = Array.from({ length: g.rows }, (_, r) =>
          Array.from({ length: g.cols }, (_, c) => s.cells.get(g.at(r, c)) ?? ''),
        );
      });
      return proxy;
    },
    get values(): unknown[][] {
      if (!state.values) throw new Error('PropertyNotLoaded: values (call load and context.sync first)');
      return state.values;
    },
    /** Every cell of the scripted workbook has the General format. */
    get numberFormat(): string[][] {
      return (state.values ?? []).map((row) => row.map(() => 'General'));
    },
    set values(v: unknown[][]) {
      ctx.queue.push(async () => {
        const s = sheetNamed(sheetName);
        const g = cellsOf(address);
        for (let r = 0; r < g.rows; r++) {
          for (let c = 0; c < g.cols; c++) {
            const a = g.at(r, c);
            if (s.protected && !s.unlocked.has(a))
              throw officeError('AccessDenied', `The cell ${sheetName}!${a} is on a protected sheet.`);
            let value = v[r]![c];
            if (typeof value === 'string' && value.startsWith("'")) value = value.slice(1);
            s.cells.set(a, value);
            written.push(a);
          }
        }
        await fire(handlers.changed, { worksheetId: s.id, address });
      });
    },
    format: {
      fill: {
        set color(color: string) {
          ctx.queue.push(() => {
            const s = sheetNamed(sheetName);
            if (s.protected)
              throw officeError('AccessDenied', `Cannot format ${sheetName}!${address}: the sheet is protected.`);
            s.fills.set(address, color);
          });
        },
      },
    },
    select() {
      ctx.queue.push(() => {
        sheetNamed(sheetName);
        book.active = sheetName;
        book.selection = `${sheetName}!${address}`;
      });
    },
  };
  return proxy;
}

function worksheetProxy(ctx: RequestContext, name: string) {
  const state: { id?: string } = {};
  const proxy = {
    load(_props: string) {
      ctx.queue.push(() => void (state.id = sheetNamed(name).id));
      return proxy;
    },
    get id(): string {
      if (state.id === undefined) throw new Error('PropertyNotLoaded: id');
      return state.id;
    },
    getRange: (address: string) => rangeProxy(ctx, name, address),
    getRanges: (addresses: string) => ({
      select: () =>
        ctx.queue.push(
          () =>
            void ((book.active = sheetNamed(name).name), (book.selection = `${name}!${addresses.replace(/\s/g, '')}`)),
        ),
    }),
    activate: () => ctx.queue.push(() => void (book.active = sheetNamed(name).name)),
    protection: {
      unprotect: () => ctx.queue.push(() => void (sheetNamed(name).protected = false)),
      protect: () => ctx.queue.push(() => void (sheetNamed(name).protected = true)),
    },
  };
  return proxy;
}

function eventSource(ctx: RequestContext, set: Set<ChangeHandler>) {
  return {
    add(handler: ChangeHandler) {
      set.add(handler);
      return { context: ctx, remove: () => ctx.queue.push(() => void set.delete(handler)) };
    },
  };
}

function workbookProxy(ctx: RequestContext) {
  const names: { items?: { name: string }[] } = {};
  return {
    worksheets: {
      getItem: (name: string) => worksheetProxy(ctx, name),
      load(_props: string) {
        ctx.queue.push(() => void (names.items = book.sheets.map((s) => ({ name: s.name }))));
      },
      get items() {
        if (!names.items) throw new Error('PropertyNotLoaded: items');
        return names.items;
      },
      onChanged: eventSource(ctx, handlers.changed),
      onAdded: eventSource(ctx, handlers.added),
      onDeleted: eventSource(ctx, handlers.deleted),
    },
    insertWorksheetsFromBase64(base64: string) {
      const result = { value: [] as string[] };
      ctx.queue.push(async () => {
        const res = await fetch(`${BRIDGE}/parse-xlsx`, { method: 'POST', body: base64 });
        if (!res.ok) throw officeError('GeneralException', `parse-xlsx ${res.status}`);
        const parsed = (await res.json()) as {
          sheets: { name: string; cells: Record<string, unknown>; protected: boolean; unlocked: string[] }[];
        };
        for (const s of parsed.sheets)
          if (book.sheets.some((x) => x.name === s.name))
            throw officeError('InvalidArgument', `A sheet named ${s.name} exists`);
        for (const s of parsed.sheets) {
          const id = `{S${sheetSeq++}}`;
          book.sheets.push({
            id,
            name: s.name,
            cells: new Map(Object.entries(s.cells)),
            protected: s.protected,
            unlocked: new Set(s.unlocked),
            fills: new Map(),
          });
          result.value.push(id);
        }
        book.template = base64;
        await fire(handlers.added, { type: 'WorksheetAdded' });
      });
      return result;
    },
  };
}

async function run<T>(a: unknown, b?: unknown): Promise<T> {
  const batch = (typeof a === 'function' ? a : b) as (ctx: RequestContext) => Promise<T>;
  const ctx = typeof a === 'function' ? new RequestContext() : (a as RequestContext);
  const out = await batch(ctx);
  if (ctx.queue.length) await ctx.sync();
  return out;
}

// ── Office ───────────────────────────────────────────────────────────────────────────────────────────────────────

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

export {};
