/**
 * What the pane's tests build a controller from: the 2021 layout and its cells by id, the dependencies the add-in's
 * page gives it (a dev sign-in, no dialog, no document file) on the office-addin-mock host, a consistent report
 * written into that host, and an unsigned token for a stored session.
 */
import type { AddinConfig } from '../../../contract/addin';
import type { PaneDeps } from '../../../addin/taskpane/paneDeps';
import { FORMAT_2021 } from '../../../report/format';
import { META_SHEET, workbookLayout } from '../../../report/workbook/layout';
import type { MockHost } from './officeMock';

export const layout = workbookLayout(FORMAT_2021);
export const slot = (id: string) => layout.byId.get(id)!;
const config: AddinConfig = { apiBase: 'https://h/api', signIn: { mode: 'dev' } };

/** The pane's dependencies on the mock host; each test adds its own settle time, fetch and the rest. */
export function paneDeps(host: MockHost, extra: Partial<PaneDeps> = {}): PaneDeps {
  return {
    run: host.run,
    runWith: host.runWith,
    document: { getFileAsync: () => undefined },
    ui: { displayDialogAsync: () => undefined },
    config,
    origin: 'https://localhost:3000',
    loadTemplate: async () => 'BASE64',
    canInsert: true,
    ...extra,
  };
}

/** A JWT as the pane reads one (it does not verify signatures: the server does). */
export function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none' })}.${b64(claims)}.s`;
}

/** A complete, consistent 2024 report: every count 0, agency and year, the prose; one warning (TYPE-FEE) to confirm. */
export function fillConsistent(host: MockHost): void {
  for (const s of layout.inputs)
    if (s.kind !== 'text' && s.kind !== 'agency' && s.kind !== 'year') host.setCell(s.sheet, s.row, s.col, 0);
  host.setCell(META_SHEET, slot('meta.agency').row, slot('meta.agency').col, '某某局');
  host.setCell(META_SHEET, slot('meta.year').row, slot('meta.year').col, 2024);
  // All six sections present; a fee with five decimals leaves one warning (TYPE-FEE) to confirm.
  for (const [id, text] of [
    ['overview', '本年度未收到政府信息公开申请。'],
    ['problems', '公开的及时性有待提高。'],
    ['other', '本年度未收取信息处理费。'],
  ]) {
    const t = slot(`text.${id}`);
    host.setCell(t.sheet, t.row, t.col, text);
  }
  const fee = slot('t2.fees.amount');
  host.setCell(fee.sheet, fee.row, fee.col, 8.97723);
}
