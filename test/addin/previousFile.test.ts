/**
 * Last year's report from a file in the pane (issue 14): the file goes through the importer's own bundle code
 * (addin/importer, the CLI's and server's reader), the YEAR-* rules compare against it at once, the repairs it
 * offers are applied one by one, a file of another year or no report at all is refused with a notice.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { META_SHEET } from '../../report/workbook/layout';
import { previousImporter } from '../../addin/importer/reader';
import { PaneController } from '../../addin/taskpane/controller';
import { say } from '../../addin/taskpane/i18n';
import { installOfficeEnums } from './helpers/officeEnums';
import { mockExcel, type MockHost } from './helpers/officeMock';
import { layout, paneDeps, slot } from './helpers/pane';

installOfficeEnums();

const REAL = join(__dirname, '..', 'fixtures', 'examples', 'real');
/** January 2025: the 2024 report is being prepared; last year's is 2023 (pingtan-htp-2023 carries the 2019 （六） row). */
const NOW = Date.UTC(2025, 0, 15);

async function paneFor2024(): Promise<{ host: MockHost; pane: PaneController; loads: () => number }> {
  const host = mockExcel(layout, { withTemplate: true });
  host.setCell(META_SHEET, slot('meta.year').row, slot('meta.year').col, 2024);
  // This year's 二、上年结转 says 3 applications came over from 2023 (the 2023 report carried none).
  const carried = slot('t3.carried.natural');
  host.setCell(carried.sheet, carried.row, carried.col, 3);
  let loads = 0;
  const pane = new PaneController(
    paneDeps(host, {
      settleMs: 15,
      now: () => NOW,
      fetch: (async () => new Response('{}', { status: 404 })) as typeof fetch,
      loadImporter: async () => {
        loads++;
        return previousImporter;
      },
    }),
  );
  await pane.start();
  return { host, pane, loads: () => loads };
}

const fileOf = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, bytes: async () => bytes });
const yearFindings = (pane: PaneController) => pane.state.findings.filter((f) => f.rule.startsWith('YEAR-'));

it('reads last year’s page text (saved as GB18030) and holds this year’s 上年结转 against it', async () => {
  const { pane, loads } = await paneFor2024();
  expect(pane.previousFile.targetYear()).toBe(2023);
  expect(yearFindings(pane)).toEqual([]);
  expect(loads()).toBe(0);
  const text = readFileSync(join(REAL, 'pingtan-htp-2023.raw.txt'));
  const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
  await pane.previousFile.read(fileOf('平潭2023年报.txt', gb));
  const prev = pane.state.previous;
  expect(prev.status === 'found' && prev.file?.name).toBe('平潭2023年报.txt');
  expect(prev.status === 'found' && prev.report.agency).toMatch(/平潭/);
  const carry = yearFindings(pane).filter((f) => f.rule === 'YEAR-CARRY');
  expect(carry.map((f) => f.cells.map((c) => c.id))).toEqual([['t3.carried.natural']]);
  expect(carry[0]!.message.zh).toContain('2023年度报告');
  expect(loads()).toBe(1);
});

it('lists the repairs the file needs and applies the one chosen (the 2019 （六） row into 3.其他)', async () => {
  const { pane } = await paneFor2024();
  await pane.previousFile.read(fileOf('htp.txt', readFileSync(join(REAL, 'pingtan-htp-2023.txt'))));
  const before = pane.state.previous;
  if (before.status !== 'found' || !before.file) throw new Error(`not read: ${before.status}`);
  const version = before.file.findings.find((f) => f.rule === 'FORMAT-VERSION')!;
  expect(version.repairs!.map((r) => r.id)).toEqual(['R1']);
  expect(before.report.values['t3.otherMisc.total']).toBeNull();
  await pane.previousFile.applyRepair('R1');
  const after = pane.state.previous;
  if (after.status !== 'found' || !after.file) throw new Error('lost');
  expect(after.file.findings.map((f) => f.rule)).not.toContain('FORMAT-VERSION');
  expect(after.report.values['t3.otherMisc.total']).toBe(0);
  expect(after.report.values['t3.otherUnpaid.natural']).toBe(0);
  // Forgetting the file: no comparison with last year any more.
  pane.previousFile.clear();
  expect(pane.state.previous.status).toBe('none');
  expect(yearFindings(pane)).toEqual([]);
});

it('refuses a file of another year, a file with no report tables and a PDF, each with a notice; nothing changes', async () => {
  const { pane } = await paneFor2024();
  const notices = () => pane.state.notices.map((n) => say('en', n.message));
  await pane.previousFile.read(fileOf('scj.txt', readFileSync(join(REAL, 'pingtan-scj-2024.txt'))));
  expect(notices().at(-1)).toBe('The file “scj.txt” is the report for 2024; the 2023 report is needed.');
  await pane.previousFile.read(
    fileOf('notice.txt', new TextEncoder().encode('关于做好政务公开工作的通知\n请认真落实。')),
  );
  expect(notices().at(-1)).toMatch(/^Cannot read a report from “notice.txt”: .*tables/);
  await pane.previousFile.read(fileOf('scan.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n')));
  // The advice fits the pane: the files to pick instead, no command line.
  expect(notices().at(-1)).toMatch(
    /^Cannot read a report from “scan.pdf”: This PDF has no text layer.*Choose last year’s report as page text \(\.txt\)/,
  );
  expect(notices().at(-1)).not.toMatch(/nianbao|pdftotext/);
  await pane.previousFile.read({
    name: 'big.docx',
    size: 4 * 1024 * 1024,
    bytes: () => Promise.reject(new Error('read')),
  });
  expect(notices().at(-1)).toMatch(/^The file “big.docx” is too large/);
  expect(pane.state.previous.status).toBe('none');
  expect(yearFindings(pane)).toEqual([]);
});
