/**
 * The review desk end to end on the local stack (HTTPS, the adapter, dynalite), driven by the `nianbao` commands as
 * a reviewer types them (issue 15, done-when 1): an office with three departments loaded from the registry CSV; two
 * submit, one is returned with a reason and a cell comment, corrected and accepted; the third stays missing and is
 * overdue after the deadline (--as-of); the consolidated workbook's tables are the sums of the accepted reports and
 * validate clean; the office's own report with one changed cell gets CONSOLIDATION-DIFF at that cell.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiTarget, call } from '../../cli/api';
import { FORMAT_2021 } from '../../report/format';
import type { Report } from '../../report/model/types';
import { validate } from '../../report/rules';
import { readWorkbook } from '../../report/workbook/read';
import { consistentReport } from '../functions/helpers';
import { ROOT } from './run';
import { cli, REGISTRY, token, useReviewStack, YEAR } from './reviewStack';

jest.setTimeout(240_000);

const local = useReviewStack('review-desk');
const { dir, as, file } = local;

test('an office and its three departments: submit, return, correct, accept, overdue, consolidate, diff', async () => {
  const admin = await token('--admin');
  expect((await cli('agencies', 'import', REGISTRY, ...as(admin))).code).toBe(0);
  const reviewer = await token('--reviewer', 'yiyang-gov');
  const hrss = await token('--agency', 'yiyang-hrss');
  const edu = await token('--agency', 'yiyang-edu');

  // Two departments submit; the third (yiyang-ftz, 林业局) never does.
  const hrssReport = consistentReport(YEAR, '益阳市人力资源和社会保障局');
  Object.assign(hrssReport.values, { 't2.normative.issued': 3, 't2.normative.inForce': 12 });
  expect((await cli('submit', file('hrss.json', hrssReport), ...as(hrss))).code).toBe(0);
  const eduFirst = consistentReport(YEAR, '益阳市教育局');
  expect((await cli('submit', file('edu-1.json', eduFirst), ...as(edu))).code).toBe(0);

  // Before the deadline (31 Jan of the year after): nobody is overdue.
  const before = await cli(
    'review',
    'list',
    '--year',
    `${YEAR}`,
    '--as-of',
    `${YEAR + 1}-01-20`,
    '--json',
    ...as(reviewer),
  );
  expect(before.code).toBe(0);
  const rowsBefore = JSON.parse(before.out).rows as { agency: string; state: string; overdue: boolean }[];
  expect(rowsBefore.map((r) => [r.agency, r.state, r.overdue])).toEqual([
    ['heshan-gov', 'missing', false],
    ['yiyang-edu', 'submitted', false],
    ['yiyang-ftz', 'missing', false],
    ['yiyang-hrss', 'submitted', false],
  ]);

  // Returned with a reason and a comment on one cell; the clerk sees both through GET of the report.
  const returned = await cli(
    'review',
    'return',
    'yiyang-edu',
    '--year',
    `${YEAR}`,
    '--reason',
    '行政复议数字缺漏',
    '--cell',
    't4.review.upheld=本年有 2 件复议维持，请补填',
    ...as(reviewer),
  );
  expect(returned).toMatchObject({ code: 0, out: expect.stringContaining('已退回（第 1 版）') });
  const seen = await call(apiTarget({ api: local.apiBase, token: edu }), 'GET', `/reports/yiyang-edu/${YEAR}`);
  expect(seen.json.review).toMatchObject({
    state: 'returned',
    transition: {
      reason: '行政复议数字缺漏',
      comments: [{ cell: 't4.review.upheld', comment: '本年有 2 件复议维持，请补填' }],
    },
  });
  // A returned report cannot be accepted (exit 1, the state named); a comment on no cell is refused (exit 2).
  const early = await cli('review', 'accept', 'yiyang-edu', '--year', `${YEAR}`, ...as(reviewer));
  expect(early).toMatchObject({ code: 1, err: expect.stringContaining('E-REVIEW-STATE') });
  const badCell = await cli(
    'review',
    'return',
    'yiyang-hrss',
    '--year',
    `${YEAR}`,
    '--reason',
    'x',
    '--cell',
    't9.none=?',
    ...as(reviewer),
  );
  expect(badCell).toMatchObject({ code: 2, err: expect.stringContaining('t9.none') });

  // Corrected (version 2) and accepted; accepting the version seen before the correction is refused as stale.
  const eduSecond = consistentReport(YEAR, '益阳市教育局');
  Object.assign(eduSecond.values, { 't4.review.upheld': 2, 't4.review.total': 2 });
  expect((await cli('submit', file('edu-2.json', eduSecond), ...as(edu))).code).toBe(0);
  const stale = await cli('review', 'accept', 'yiyang-edu', '--year', `${YEAR}`, '--version', '1', ...as(reviewer));
  expect(stale).toMatchObject({ code: 1, err: expect.stringContaining('E-REVIEW-STALE') });
  for (const agency of ['yiyang-edu', 'yiyang-hrss']) {
    const accepted = await cli('review', 'accept', agency, '--year', `${YEAR}`, ...as(reviewer), '--lang', 'en');
    expect(accepted).toMatchObject({ code: 0, out: expect.stringContaining(': accepted (version ') });
  }

  // After the deadline: 林业局 is overdue; the desk as the reviewer reads it, and as CSV for Excel.
  const after = await cli('review', 'list', '--year', `${YEAR}`, '--as-of', `${YEAR + 1}-02-01`, ...as(reviewer));
  expect(after.code).toBe(0);
  const line = (agency: string) =>
    after.out
      .split('\n')
      .find((l) => l.startsWith(`${agency}\t`))!
      .split('\t');
  expect(line('yiyang-ftz').slice(1, 4)).toEqual(['益阳市林业局', '未报送 · 逾期', `${YEAR + 1}-01-31`]);
  expect(line('yiyang-edu')[2]).toMatch(/^已通过/);
  expect(line('yiyang-edu')[4]).toBe('v2');
  expect(after.out).toContain('已通过 2');
  const desk = JSON.parse(
    (await cli('review', 'list', '--year', `${YEAR}`, '--as-of', `${YEAR + 1}-02-01`, '--json', ...as(reviewer))).out,
  );
  expect(desk.counts).toMatchObject({ accepted: 2, missing: 2, overdue: 1 });
  expect(desk.reminders).toContain('yiyang-ftz');
  // Late is what the clock says: first submitted after the end (Beijing time) of the deadline's day.
  for (const r of desk.rows.filter((r: { firstSubmittedAt?: string }) => r.firstSubmittedAt))
    expect(r.late).toBe(Date.parse(r.firstSubmittedAt) > Date.parse(`${r.deadline}T23:59:59.999+08:00`));
  const csv = await cli('review', 'list', '--year', `${YEAR}`, '--csv', ...as(reviewer));
  expect(csv.out.split('\n').filter((l) => /yiyang-(edu|ftz|hrss)/.test(l))).toHaveLength(3);

  // The consolidated workbook: each table cell the sum of the two accepted reports (edu's version 2).
  const xlsx = join(dir, 'consolidated.xlsx');
  const made = await cli('consolidate', '--year', `${YEAR}`, '-o', xlsx, ...as(reviewer));
  expect(made).toMatchObject({ code: 0 });
  expect(made.out).toContain('已汇总 2 个：益阳市教育局（第 2 版）、益阳市人力资源和社会保障局（第 1 版）');
  expect(made.out).toContain('益阳市林业局（未报送）');
  const read = await readWorkbook(readFileSync(xlsx));
  for (const { id } of FORMAT_2021.cells)
    expect({ id, value: read.report.values[id] }).toEqual({
      id,
      value: (hrssReport.values[id] as number) + (eduSecond.values[id] as number),
    });
  expect(read.report.values['t4.review.total']).toBe(2);
  expect(validate(read.report, { inputFindings: read.findings })).toEqual([]);

  // The office's own report: the sums (JSON) with one cell changed → CONSOLIDATION-DIFF at that cell only.
  const json = join(dir, 'consolidated.json');
  expect((await cli('consolidate', '--year', `${YEAR}`, '-o', json, ...as(reviewer))).code).toBe(0);
  const sums = JSON.parse(readFileSync(json, 'utf8')).report as Report;
  expect(sums.values).toEqual(read.report.values);
  const own = { ...sums, values: { ...sums.values, 't2.normative.issued': 7 } };
  const gov = await token('--agency', 'yiyang-gov');
  const diff = await cli('submit', file('own.json', own as Report), '--json', ...as(gov));
  expect(diff.code).toBe(1);
  const answer = JSON.parse(diff.out);
  expect(answer.unconfirmed).toEqual(['CONSOLIDATION-DIFF']);
  const cells = answer.findings
    .filter((f: { rule: string }) => f.rule === 'CONSOLIDATION-DIFF')
    .flatMap((f: { cells: { id: string }[] }) => f.cells.map((c) => c.id));
  expect(cells).toEqual(['t2.normative.issued']);
  expect(answer.findings.find((f: { rule: string }) => f.rule === 'CONSOLIDATION-DIFF').message.zh).toContain('为 7');
});

test('the nianbao command finds the running stack by itself and refuses what cannot be sent', async () => {
  const reviewer = await token('--reviewer', 'yiyang-gov');
  // No --api: the stack that holds DATA_DIR's lock is found, whatever its port.
  // (A child process run asynchronously: this process serves the stack.)
  const listed = await new Promise<{ code: number | null; stdout: string }>(
    (resolve: (r: { code: number | null; stdout: string; stderr: string }) => void) => {
      const args = ['review', 'list', '--year', `${YEAR}`, '--token', reviewer, '--lang', 'en'];
      const child = execFile(process.execPath, [join(ROOT, 'bin', 'nianbao.cjs'), ...args], {
        timeout: 60_000,
        env: { ...process.env }, // jest's process.env is its own copy: hand it over
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (s) => (stdout += s));
      child.stderr!.on('data', (s) => (stderr += s));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    },
  );
  expect(listed).toMatchObject({ code: 0, stdout: expect.stringContaining('益阳市人民政府 (yiyang-gov)') });
  // Refused before any request: exit 2 with the reason in both languages.
  for (const args of [
    ['review', 'return', 'yiyang-edu', '--year', `${YEAR}`],
    ['review', 'return', 'yiyang-edu', '--year', `${YEAR}`, '--reason', 'r', '--cell', 'no-equals-sign'],
    ['review', 'accept', 'Not An Id', '--year', `${YEAR}`],
    ['review', 'accept', 'yiyang-edu'],
    ['consolidate', '--year', `${YEAR}`, '-o', 'sum.pdf'],
    ['review', 'list', '--year', `${YEAR}`, '--office', 'heshan-gov'],
  ]) {
    const r = await cli(...args, ...as(reviewer));
    expect({ args, code: r.code }).toEqual({ args, code: 2 });
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  }
});

test('an office of 130 departments: review list follows the pages and prints them all with the whole counts', async () => {
  const admin = await token('--admin');
  const ids = Array.from({ length: 130 }, (_, i) => `many-${String(i + 1).padStart(3, '0')}`);
  const registry = [
    readFileSync(REGISTRY, 'utf8').trim(),
    'many-gov,多县人民政府,县,政府,hunan-gov,,,,,,',
    ...ids.map((id, i) => `${id},多县第${i + 1}局,县,部门,many-gov,,,,,,`),
  ].join('\n');
  const csvPath = join(dir, 'many.csv');
  writeFileSync(csvPath, registry);
  expect((await cli('agencies', 'import', csvPath, ...as(admin))).code).toBe(0);
  const reviewer = await token('--reviewer', 'many-gov');
  // The API gives 100 (DESK_PAGE.default) and a cursor; the command walks on.
  const listed = await cli('review', 'list', '--year', `${YEAR}`, '--as-of', `${YEAR + 1}-02-01`, ...as(reviewer));
  expect(listed.code).toBe(0);
  const rows = listed.out.split('\n').filter((l) => l.startsWith('many-'));
  expect(rows.map((l) => l.split('\t')[0])).toEqual(ids);
  expect(listed.out).toContain('未报送 130');
  expect(listed.out).toContain('逾期 130');
  const json = JSON.parse((await cli('review', 'list', '--year', `${YEAR}`, '--json', ...as(reviewer))).out);
  expect([json.rows.length, json.counts.missing, json.next]).toEqual([130, 130, undefined]);
});
