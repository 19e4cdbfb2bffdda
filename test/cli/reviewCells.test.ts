/**
 * `nianbao review return --cell`: the reviewer names cells as Excel shows them (表三!D5, the sheet's full name and an
 * A1 reference, 基本信息！B3 typed with a Chinese input method) or by id; the comments arrive on the right inputs.
 * A cell that names nothing is refused before anything is sent (exit 2), saying how to write one.
 */
import { apiTarget, call } from '../../cli/api';
import { FORMAT_2021 } from '../../report/format';
import { slotAddress, workbookLayout } from '../../report/workbook/layout';
import { consistentReport } from '../functions/helpers';
import { cli, REGISTRY, token, useReviewStack, YEAR } from './reviewStack';

jest.setTimeout(120_000);

const LAYOUT = workbookLayout(FORMAT_2021);
const local = useReviewStack('review-cells');
const as = local.as;

async function submitted(agency: string, name: string): Promise<void> {
  const path = local.file(`${agency}.json`, consistentReport(YEAR, name));
  expect((await cli('submit', path, ...as(await token('--agency', agency)))).code).toBe(0);
}

const review = async (agency: string, reviewer: string) =>
  (await call(apiTarget({ api: local.apiBase, token: reviewer }), 'GET', `/reports/${agency}/${YEAR}`)).json.review;

test('cells as Excel shows them, or by id, reach the right inputs; a cell that names nothing → exit 2, nothing sent', async () => {
  expect((await cli('agencies', 'import', REGISTRY, ...as(await token('--admin')))).code).toBe(0);
  const reviewer = await token('--reviewer', 'yiyang-gov');
  await submitted('yiyang-hrss', '益阳市人力资源和社会保障局');
  await submitted('yiyang-edu', '益阳市教育局');

  const total = LAYOUT.byId.get('t3.total.total')!;
  const returned = await cli(
    'review',
    'return',
    'yiyang-hrss',
    '--year',
    `${YEAR}`,
    '--reason',
    '请核对申请数',
    '--cell',
    `表三!${LAYOUT.byId.get('t3.new.natural')!.address}=新收申请数请核对`,
    '--cell',
    `'${total.sheet}'!$${total.address.replace(/(\d+)$/, '$$$1')}=总计请核对`,
    '--cell',
    '基本信息！b3=名称请用全称',
    '--cell',
    't2.normative.issued=规章数请核对',
    ...as(reviewer),
  );
  expect(returned).toMatchObject({ code: 0, out: expect.stringContaining('已退回') });
  expect((await review('yiyang-hrss', reviewer)).transition.comments).toEqual([
    { cell: 't3.new.natural', comment: '新收申请数请核对' },
    { cell: 't3.total.total', comment: '总计请核对' },
    { cell: 'meta.agency', comment: '名称请用全称' },
    { cell: 't2.normative.issued', comment: '规章数请核对' },
  ]);

  const wrong: [string, RegExp, RegExp][] = [
    [
      '表九!D5',
      /没有名为「表九」的工作表。可写 表二、表三、表四.*三、收到和处理政府信息公开申请情况/,
      /no sheet is named "表九"/,
    ],
    [
      '表三!A1',
      /不是要填写的单元格；「三、收到和处理政府信息公开申请情况」的填写区在 [A-Z]+\d+ 至 [A-Z]+\d+ 之间/,
      /not a cell to fill in/,
    ],
    [
      'C12',
      new RegExp(`按 Excel 中所见写 工作表!单元格，如 表三!D5 或 ${slotAddress(LAYOUT.byId.get('t3.new.natural')!)}`),
      /sheet!cell/,
    ],
    ['t9.none', /没有这个单元格/, /or as a cell id, e\.g\. t3\.new\.natural/],
  ];
  for (const [cell, zh, en] of wrong) {
    const r = await cli(
      'review',
      'return',
      'yiyang-edu',
      '--year',
      `${YEAR}`,
      '--reason',
      'r',
      '--cell',
      `${cell}=x`,
      ...as(reviewer),
    );
    expect({ cell, code: r.code }).toEqual({ cell, code: 2 });
    expect(r.err).toMatch(zh);
    expect(r.err).toMatch(en);
  }
  // Nothing was sent for any of them: the report is still as submitted.
  expect((await review('yiyang-edu', reviewer)).state).toBe('submitted');
});
