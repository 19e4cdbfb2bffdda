/**
 * @jest-environment jsdom
 */
/** The pane's React components (Testing Library, jsdom) over a controller on the office-addin-mock host. */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { RULE_BY_CODE } from '../../report/rules';
import type { FileSource } from '../../addin/office/exportFile';
import { App } from '../../addin/taskpane/App';
import { PaneController } from '../../addin/taskpane/controller';
import type { PaneDeps } from '../../addin/taskpane/paneDeps';
import type { Lang } from '../../addin/taskpane/i18n';
import { SubmitFlow } from '../../addin/taskpane/submission';
import { installOfficeEnums } from './helpers/officeEnums';
import { mockExcel, type MockHost } from './helpers/officeMock';
import { fillConsistent, jwt, layout, paneDeps, slot } from './helpers/pane';

installOfficeEnums();

// Fluent UI measures elements; jsdom has no ResizeObserver.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as Record<string, unknown>).ResizeObserver ??= NoResizeObserver;

function fakeResponse(status: number, body: unknown) {
  return {
    status,
    ok: status >= 200 && status < 300,
    json: async () => body,
    headers: { get: () => null },
  } as unknown as Response;
}

async function mount(host: MockHost, lang: Lang = 'zh', extra: Partial<PaneDeps> = {}) {
  const pane = new PaneController(
    paneDeps(host, {
      settleMs: 10,
      fetch: (async () =>
        fakeResponse(404, {
          code: 'E-NOT-FOUND',
          message: { zh: '未找到', en: 'Not found' },
        })) as unknown as typeof fetch,
      ...extra,
    }),
  );
  const submission = new SubmitFlow(pane);
  render(<App value={{ pane, submission, lang }} />);
  await act(async () => {
    await pane.start();
  });
  return { pane, submission };
}

describe('the pane', () => {
  it('offers to insert the template when there is none, and inserts it', async () => {
    const host = mockExcel(layout, { withTemplate: false });
    await mount(host);
    expect(screen.getByText('尚未插入年报模板')).toBeTruthy();
    expect(screen.getByText('登录后报送')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /插入年报模板/ }));
    });
    await waitFor(() => expect(screen.getByRole('tab', { name: /校验/ })).toBeTruthy());
    expect(host.inserted).toEqual(['BASE64']);
    expect(screen.getByText(/已插入 \d{4} 年度年报模板/)).toBeTruthy();
  });

  it('shows findings grouped by severity with counts, and a click selects the cells', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    fillConsistent(host);
    const total = slot('t3.granted.total');
    host.setCell(total.sheet, total.row, total.col, 5); // the row's parts are 0: T3-ROW-SUM and more
    const { pane } = await mount(host);
    const errors = pane.state.findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    expect(within(screen.getByTestId('count-error')).getByText(String(errors))).toBeTruthy();
    const group = screen.getByRole('region', { name: '错误' });
    const item = within(group)
      .getAllByRole('button')
      .find((b) => b.getAttribute('data-rule') === 'T3-ROW-SUM')!;
    expect(item.textContent).toContain('表三');
    await act(async () => {
      fireEvent.click(item);
    });
    expect(host.log.some((l) => l.startsWith(`select ${total.sheet}!${total.address}`))).toBe(true);
  });

  it('tells under each finding what its rule checks, from the rule registry, closed until asked', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    fillConsistent(host);
    const total = slot('t3.granted.total');
    host.setCell(total.sheet, total.row, total.col, 5);
    await mount(host);
    const item = screen.getAllByRole('button').find((b) => b.getAttribute('data-rule') === 'T3-ROW-SUM')!;
    const hint = item.closest('li')!.querySelector<HTMLDetailsElement>('details[data-hint="T3-ROW-SUM"]')!;
    expect(hint.open).toBe(false);
    expect(within(hint).getByText('这条规则检查什么').closest('summary')).toBeTruthy();
    expect(hint.textContent).toContain(RULE_BY_CODE.get('T3-ROW-SUM')!.description.zh);
    // Every finding shown has its hint: as many hints as finding cards.
    const cards = document.querySelectorAll('[data-rule]').length;
    expect(document.querySelectorAll('details[data-hint]').length).toBe(cards);
  });

  it('speaks English when Office does', async () => {
    const host = mockExcel(layout, { withTemplate: false });
    await mount(host, 'en');
    expect(screen.getByText('No report template yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Insert template/ })).toBeTruthy();
  });

  it('edits a prose section and writes it back to its cell', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    fillConsistent(host);
    await mount(host);
    fireEvent.click(screen.getByRole('tab', { name: /正文/ }));
    const section = screen.getByRole('region', { name: '一、总体情况' });
    fireEvent.change(within(section).getByRole('textbox'), { target: { value: '本年度收到政府信息公开申请 3 件。' } });
    await act(async () => {
      fireEvent.click(within(section).getByRole('button', { name: /写入工作表/ }));
    });
    const text = slot('text.overview');
    expect(host.log).toContain(`write ${text.sheet}!${text.address}="本年度收到政府信息公开申请 3 件。"`);
    // The section's own finding: the text says 3 received, the table says 0.
    await waitFor(() => expect(within(section).getAllByText(/TEXT-COUNT/).length).toBeGreaterThan(0));
  });

  it('asks to confirm warnings before submitting, then shows the receipt', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    fillConsistent(host);
    const bodies: string[] = [];
    const fetchMock = (async (url: string, init?: RequestInit) => {
      if (url.endsWith('/reports')) {
        bodies.push(new Headers(init?.headers).get('x-confirm-warnings') ?? '');
        return fakeResponse(201, {
          agency: 'mou-ju',
          agencyName: '某某局',
          year: 2024,
          version: 3,
          submittedAt: '2025-01-05T02:00:00Z',
          findings: [],
          publishedUrl: 'https://h/api/published/mou-ju/2024',
        });
      }
      return fakeResponse(404, { code: 'E-NOT-FOUND', message: { zh: '未找到', en: 'Not found' } });
    }) as unknown as typeof fetch;
    const doc: FileSource = {
      getFileAsync: (_t, _o, cb) =>
        (cb as (r: unknown) => void)({
          status: 'succeeded',
          value: {
            size: 2,
            sliceCount: 1,
            getSliceAsync: (_i: number, d: (r: unknown) => void) =>
              d({ status: 'succeeded', value: { data: [80, 75] } }),
            closeAsync: (d: () => void) => d(),
          },
        }),
    };
    const storage = {
      getItem: () => jwt({ 'custom:agency': 'mou-ju', exp: Date.now() / 1000 + 3600 }),
      setItem: () => {},
      removeItem: () => {},
    } as unknown as Storage;
    await mount(host, 'zh', { fetch: fetchMock, document: doc, storage });
    fireEvent.click(screen.getByRole('tab', { name: /报送/ }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /一键提交/ }));
    });
    // Tabster (Fluent's focus manager) can leave aria-hidden from an earlier test's document state in jsdom.
    const dialog = await screen.findByRole('dialog', { hidden: true });
    expect(within(dialog).getByText('确认警告后提交')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: '确认并提交', hidden: true }));
    });
    const receipt = await screen.findByTestId('receipt');
    expect(receipt.textContent).toContain('第\u00a03\u00a0版'); // no-break spaces: 第 3 版 never splits across lines
    expect(
      within(receipt)
        .getByRole('link', { name: /查看公开页面/ })
        .getAttribute('href'),
    ).toBe('https://h/api/published/mou-ju/2024');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toBe('TYPE-FEE');
  });

  it('shows a return by the office with its reason, and each cell comment selects its cell', async () => {
    const host = mockExcel(layout, { withTemplate: true });
    fillConsistent(host);
    const returned = {
      agency: 'mou-ju',
      year: 2024,
      version: 1,
      review: {
        state: 'returned',
        version: 1,
        since: '2025-01-20T02:00:00.000Z',
        transition: {
          review: 1,
          action: 'return',
          version: 1,
          reason: '正文与表三不一致',
          comments: [{ cell: 't3.new.natural', comment: '应为4件' }],
          at: '2025-01-20T02:00:00.000Z',
          by: { sub: 'r', office: 'mou-gov', admin: false },
        },
      },
    };
    const fetchMock = (async (url: string) =>
      /\/reports\/mou-ju\/2024$/.test(String(url))
        ? fakeResponse(200, returned)
        : fakeResponse(404, {
            code: 'E-NOT-FOUND',
            message: { zh: '未找到', en: 'Not found' },
          })) as unknown as typeof fetch;
    const storage = {
      getItem: () => jwt({ 'custom:agency': 'mou-ju', exp: Date.now() / 1000 + 3600 }),
      setItem: () => {},
      removeItem: () => {},
    } as unknown as Storage;
    await mount(host, 'zh', { fetch: fetchMock, storage });
    const notice = await screen.findByTestId('review-returned');
    expect(notice.textContent).toContain('年报已被审核机关退回');
    expect(notice.textContent).toContain('正文与表三不一致');
    const cell = slot('t3.new.natural');
    const link = within(notice).getByText(`表三 ${cell.address}`);
    await act(async () => {
      fireEvent.click(link);
    });
    expect(host.log.some((l) => l.startsWith(`select ${cell.sheet}!${cell.address}`))).toBe(true);
    expect(notice.textContent).toContain('应为4件');
  });
});
