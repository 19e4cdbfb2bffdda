/**
 * Excel's request batches for the scripted host (fakeOffice.ts): Excel.run, a RequestContext whose proxies (workbook,
 * worksheets, ranges) queue operations that run on context.sync() (counted). Missing sheets fail with ItemNotFound;
 * protected sheets refuse writes to locked cells and formatting, as Excel does; inserted workbooks are parsed by the
 * test's bridge.
 */
import {
  book,
  BRIDGE,
  cellsOf,
  type ChangeHandler,
  fire,
  handlers,
  newSheetId,
  officeError,
  sheetNamed,
  stats,
} from './fakeWorkbook';

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
          const id = newSheetId();
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

/** Excel.run(batch) or Excel.run(context, batch): the batch's queued operations run on sync, and once at the end. */
export async function run<T>(a: unknown, b?: unknown): Promise<T> {
  const batch = (typeof a === 'function' ? a : b) as (ctx: RequestContext) => Promise<T>;
  const ctx = typeof a === 'function' ? new RequestContext() : (a as RequestContext);
  const out = await batch(ctx);
  if (ctx.queue.length) await ctx.sync();
  return out;
}
