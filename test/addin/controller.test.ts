/**
 * The pane's controller on the office-addin-mock host: one read sync per settled edit, bursts and pastes coalesced,
 * its own writes ignored, insertion with prefill, and the submission flow (confirmation, idempotent retry).
 */
import { FORMAT_2021 } from '../../report/format';
import { proseId } from '../../report/workbook/layout';
import type { FileSource } from '../../addin/office/exportFile';
import { PaneController } from '../../addin/taskpane/controller';
import { reportingYear, type PaneDeps } from '../../addin/taskpane/paneDeps';
import type { DocumentSettings } from '../../addin/office/settings';
import { SubmitFlow } from '../../addin/taskpane/submission';
import { installOfficeEnums } from './helpers/officeEnums';
import { mockExcel, type MockHost } from './helpers/officeMock';
import { fillConsistent, jwt, layout, paneDeps, slot } from './helpers/pane';

installOfficeEnums();

const SETTLE = 15;
const settle = () => new Promise((r) => setTimeout(r, SETTLE * 4));

function controller(host: MockHost, extra: Partial<PaneDeps> = {}): PaneController {
  return new PaneController(
    paneDeps(host, {
      settleMs: SETTLE,
      fetch: (async () => new Response('{}', { status: 404 })) as typeof fetch,
      ...extra,
    }),
  );
}

function edit(host: MockHost, id: string, value: unknown): void {
  const s = slot(id);
  host.setCell(s.sheet, s.row, s.col, value);
  host.emitChange(s.sheet, s.address);
}

describe('live validation', () => {
  it('reads once per edit, with a single sync, and shows the findings', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const pane = controller(host);
    await pane.start();
    expect(host.syncs()).toBe(2); // events + first read
    expect(pane.state.template).toBe('present');
    for (const [n, [id, v]] of (
      [
        ['t3.granted.natural', 4],
        ['t3.granted.total', 5],
        ['t3.granted.business', 1],
      ] as const
    ).entries()) {
      const syncs = host.syncs();
      edit(host, id, v);
      await settle();
      expect(host.syncs() - syncs).toBe(1);
      expect(pane.state.reads).toBe(2 + n);
    }
    // 4 + 1 = 5 holds after the third edit.
    expect(
      pane.state.findings.filter((f) => f.rule === 'T3-ROW-SUM' && f.cells.some((c) => c.id === 't3.granted.total')),
    ).toEqual([]);
    edit(host, 't3.granted.total', 9);
    await settle();
    const rowSum = pane.state.findings.filter(
      (f) => f.rule === 'T3-ROW-SUM' && f.cells.some((c) => c.id === 't3.granted.total'),
    );
    expect(rowSum).toHaveLength(1);
    expect(rowSum[0]!.cells[0]!.address).toMatch(/^三、.+![A-Z]+\d+$/);
    await pane.dispose();
    expect(host.handlers.removed).toBe(3);
  });

  it('coalesces hundreds of quick edits and a pasted block into one read', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const pane = controller(host);
    await pane.start();
    const syncs = host.syncs();
    const cells = FORMAT_2021.cells.filter((c) => c.table === '三');
    for (let i = 0; i < 300; i++) edit(host, cells[i % cells.length]!.id, i % 7);
    const first = slot('t3.new.natural');
    const last = slot('t3.carryOver.total');
    host.emitChange(first.sheet, `${first.address}:${last.address}`); // a paste of the whole table
    await settle();
    expect(host.syncs() - syncs).toBe(1);
    await pane.dispose();
  });

  it('ignores changes outside the inputs and its own writes', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    const pane = controller(host);
    await pane.start();
    let syncs = host.syncs();
    host.emitChange(slot('t3.new.natural').sheet, 'A1'); // the title
    host.emitChange(slot('t3.new.natural').sheet, 'Z99');
    await settle();
    expect(host.syncs()).toBe(syncs);
    // Writing prose back: one sync to write, one to read; the write's own change event adds nothing.
    syncs = host.syncs();
    const text = slot(proseId('overview'));
    await pane.saveSection('overview', '本年度共收到申请 5 件。');
    host.emitChange(text.sheet, text.address);
    await settle();
    expect(host.syncs() - syncs).toBe(2);
    expect(pane.state.report?.sections.overview).toBe('本年度共收到申请 5 件。');
    await pane.dispose();
  });
});

describe('inserting the template', () => {
  it('fills 基本信息 from the account and prefills from last year’s report', async () => {
    const host = mockExcel(layout, { withTemplate: false });
    const now = Date.parse('2025-02-10T08:00:00Z');
    const year = reportingYear(now);
    const previous = {
      format: '2021',
      agency: '某某局',
      year: year - 1,
      sections: { overview: null, problems: null, other: null },
      values: { 't3.carryOver.natural': 2, 't3.carryOver.total': 2 },
    };
    const urls: string[] = [];
    const token = jwt({ 'custom:agency': 'mou-ju', 'custom:agency_name': '某某局', exp: now / 1000 + 3600 });
    const fetchMock = (async (url: string) => {
      urls.push(url);
      if (url.endsWith('/dev/token')) return new Response(JSON.stringify({ token }), { status: 200 });
      if (url.endsWith(`/reports/mou-ju/${year - 1}`))
        return new Response(JSON.stringify({ report: previous, findings: [] }), { status: 200 });
      return new Response(JSON.stringify({ code: 'E-NOT-FOUND', message: { zh: '未找到', en: 'Not found' } }), {
        status: 404,
      });
    }) as unknown as typeof fetch;
    const pane = controller(host, { fetch: fetchMock, now: () => now });
    await pane.start();
    expect(pane.state.template).toBe('absent');
    expect(await pane.signIn({ agency: 'mou-ju', agencyName: '某某局' })).toBe(true);
    await pane.insert();
    expect(host.inserted).toEqual(['BASE64']);
    expect(pane.state.template).toBe('present');
    expect(pane.state.report).toMatchObject({ agency: '某某局', year });
    expect(pane.state.report?.values['t3.carried.natural']).toBe(2);
    expect(pane.state.prefilled).toEqual({ ids: ['t3.carried.natural', 't3.carried.total'], fromYear: year - 1 });
    expect(pane.state.notices.map((n) => n.message.key)).toEqual(['inserted']);
    expect(pane.state.findings.some((f) => f.rule === 'YEAR-CARRY')).toBe(false);
    // A second click refuses politely.
    await pane.insert();
    expect(host.inserted).toHaveLength(1);
    expect(pane.state.notices.at(-1)?.message.key).toBe('alreadyPresent');
    await pane.dispose();
  });
});

describe('inserting where the host refuses the workbook', () => {
  it('says so in the pane and suggests a blank workbook', async () => {
    const host = mockExcel(layout, { withTemplate: false });
    (host.context.workbook as unknown as Record<string, unknown>).insertWorksheetsFromBase64 = () => {
      throw Object.assign(new Error('GeneralException'), { code: 'GeneralException' });
    };
    const pane = controller(host);
    await pane.start();
    await pane.insert();
    expect(pane.state.template).toBe('absent');
    expect(pane.state.inserting).toBe(false);
    expect(pane.state.notices.map((n) => [n.intent, n.message.key])).toEqual([['error', 'insertFailed']]);
    await pane.dispose();
  });
});

describe('submitting', () => {
  function fileDoc(bytes: Uint8Array): FileSource {
    return {
      getFileAsync: (_t, _o, cb) =>
        (cb as (r: unknown) => void)({
          status: 'succeeded',
          value: {
            size: bytes.length,
            sliceCount: 1,
            getSliceAsync: (_i: number, d: (r: unknown) => void) => d({ status: 'succeeded', value: { data: bytes } }),
            closeAsync: (d: () => void) => d(),
          },
        }),
    };
  }

  async function readyPane(fetchMock: typeof fetch, settings?: DocumentSettings, keys = ['k1', 'k2', 'k3']) {
    const host = mockExcel(layout, { withTemplate: true });
    fillConsistent(host);
    const pane = controller(host, {
      fetch: fetchMock,
      document: fileDoc(new Uint8Array([80, 75, 3, 4, 1])),
      randomUUID: () => keys.shift()!,
      retry: { attempts: 2, delay: () => 0 },
      ...(settings ? { settings } : {}),
      storage: {
        getItem: () => jwt({ 'custom:agency': 'mou-ju', exp: Date.now() / 1000 + 3600 }),
        setItem: () => {},
        removeItem: () => {},
      } as unknown as Storage,
    });
    await pane.start();
    return { pane, flow: new SubmitFlow(pane), host };
  }

  it('asks to confirm warnings, then retries a lost answer with the same key', async () => {
    const sent: { key: string | null; confirm: string | null }[] = [];
    let online = false;
    const fetchMock = (async (url: string, init?: RequestInit) => {
      if (!url.endsWith('/reports')) return new Response('{}', { status: 404 });
      const h = new Headers(init?.headers);
      sent.push({ key: h.get('idempotency-key'), confirm: h.get('x-confirm-warnings') });
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(
        JSON.stringify({
          agency: 'mou-ju',
          year: 2024,
          version: 1,
          submittedAt: '2025-01-01T00:00:00Z',
          findings: [],
          publishedUrl: 'https://h/api/published/mou-ju/2024',
        }),
        { status: 201 },
      );
    }) as unknown as typeof fetch;
    const { pane, flow } = await readyPane(fetchMock);
    await flow.start();
    const s = pane.state.submit;
    expect(s.phase).toBe('confirm');
    const codes = s.phase === 'confirm' ? [...new Set(s.warnings.map((w) => w.rule))] : [];
    await flow.confirm();
    expect(pane.state.submit).toMatchObject({ phase: 'failed', code: 'E-NETWORK', canRetry: true });
    online = true;
    await flow.retry();
    expect(pane.state.submit).toMatchObject({ phase: 'done', receipt: { version: 1 } });
    expect(new Set(sent.map((x) => x.key))).toEqual(new Set(['k1']));
    expect(sent).toHaveLength(3);
    expect(sent[0]!.confirm).toBe(codes.join(','));
    await pane.dispose();
  });

  it('keeps the key with the workbook: another click, a reload of the pane, reuse it; a changed report gets a new one', async () => {
    const saved = new Map<string, unknown>();
    const settings: DocumentSettings = {
      get: (n) => saved.get(n) ?? null,
      set: (n, v) => void saved.set(n, v),
      saveAsync: (cb) => cb?.({ status: 'succeeded' } as unknown as Office.AsyncResult<void>),
    };
    const sent: string[] = [];
    const fetchMock = (async (url: string, init?: RequestInit) => {
      if (!url.endsWith('/reports')) return new Response('{}', { status: 404 });
      sent.push(new Headers(init?.headers).get('idempotency-key')!);
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const submitOnce = async (flow: SubmitFlow) => {
      await flow.start();
      await flow.confirm();
    };
    const first = await readyPane(fetchMock, settings);
    await submitOnce(first.flow);
    await submitOnce(first.flow);
    expect(new Set(sent)).toEqual(new Set(['k1']));
    expect(saved.get('nianbao.submission')).toEqual({
      key: 'k1',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await first.pane.dispose();

    // The pane reloaded on the same workbook: the workbook's key, not a new one.
    const reloaded = await readyPane(fetchMock, settings, ['n1', 'n2']);
    await submitOnce(reloaded.flow);
    expect(new Set(sent)).toEqual(new Set(['k1']));
    // The report changes: a new key, kept from then on.
    const t = slot('text.problems');
    reloaded.host.setCell(t.sheet, t.row, t.col, '政策解读的形式有待丰富。');
    await submitOnce(reloaded.flow);
    expect(reloaded.pane.state.submit.phase).toBe('failed');
    expect(sent[sent.length - 1]).toBe('n1');
    expect((saved.get('nianbao.submission') as { key: string }).key).toBe('n1');
    await reloaded.pane.dispose();
  });

  it('blocks on errors without contacting the server', async () => {
    const fetchMock = jest.fn(async (_url: string) => new Response('{}', { status: 404 }));
    const { pane, flow, host } = await readyPane(fetchMock as unknown as typeof fetch);
    const s = slot('t3.new.total');
    host.setCell(s.sheet, s.row, s.col, 99);
    await flow.start();
    expect(pane.state.submit.phase).toBe('blocked');
    expect(fetchMock.mock.calls.filter(([u]) => String(u).endsWith('/reports'))).toHaveLength(0);
    await pane.dispose();
  });
});
