/**
 * The review desk's row of an agency and the head of a page of versions read the ends of the report's partition
 * (store reportEnds: the latest version, the first, the latest transition; publishing.ts reportSummary adds the latest
 * decision), not every version and transition (reportHead). The admin list's lines read the same summary; GET
 * /reports/{agency}/{year} reads the latest version, the transitions and the decision, and must answer the same. Along a long history — submissions, returns, acceptances, a filing of 无需报送, an
 * administrator's withdrawal and pin — both ways give the same desk row, review status and publication after every
 * step, on a report published on 通过 and one published on submission; and what the ends read stays the same few
 * items however long the history grows.
 */
import { deskRow, deskState } from '../../functions/review/desk';
import { reportSummary, stateOfHead } from '../../functions/publishing';
import { transitionAnswer } from '../../functions/review/state';
import { agencyRecord, table, type ReportHead } from '../../functions/store';
import { wholeHead } from './wholeHistory';
import type { AgencyRecord } from '../../contract/registry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consistentReport, newKey, startRepository, type TestRepository } from './helpers';

const CSV = readFileSync(join(__dirname, '..', 'fixtures', 'registry', 'agencies.csv'), 'utf8');
const YEAR = 2021;
const DEADLINE = { date: '2022-01-31', endsAt: Date.parse('2022-01-31T23:59:59.999+08:00') };

let repo: TestRepository;
let admin: string;
beforeAll(async () => {
  repo = await startRepository('report-ends');
  admin = await repo.token({ admin: true });
  const loaded = await repo.request('POST', '/api/agencies', {
    token: admin,
    headers: { 'content-type': 'text/csv' },
    body: CSV,
  });
  expect(loaded.status).toBe(200);
});
afterAll(() => repo.close());

/** Items the store's queries return while `fn` runs. */
async function itemsRead<T>(fn: () => Promise<T>): Promise<{ result: T; items: number }> {
  await repo.publishing.settled();
  const { db } = table();
  const { query } = db;
  let items = 0;
  db.query = async (input) => {
    const out = await query(input);
    items += out.Items.length;
    return out;
  };
  try {
    return { result: await fn(), items };
  } finally {
    Object.assign(db, { query });
  }
}

/** The desk row, review status and publication read both ways: from the whole partition and from its ends. */
async function bothWays(record: AgencyRecord) {
  const asOf = Date.parse('2022-02-15T00:00:00Z');
  let head: ReportHead | undefined;
  const whole = await itemsRead(async () => {
    head = await wholeHead(record.agency, YEAR);
    const state = stateOfHead(head);
    const row = deskRow(
      record,
      { review: state.review, first: head.versions[0], last: head.versions[head.versions.length - 1] },
      DEADLINE,
      asOf,
    );
    return { row, review: state.review, publication: state.publication };
  });
  const ends = await itemsRead(async () => {
    const row = deskRow(record, await deskState(record.agency, YEAR), DEADLINE, asOf);
    const { review, publication } = await reportSummary(record.agency, YEAR);
    return { row, review, publication };
  });
  return { whole, ends, transitions: head!.reviews.map(transitionAnswer) };
}

/** GET /reports/{agency}/{year} (the latest version, its review status and every transition) says the same. */
async function reportAnswerAgrees(agency: string, both: Awaited<ReturnType<typeof bothWays>>) {
  const got = await repo.request('GET', `/api/reports/${agency}/${YEAR}`, { token: admin });
  const { review, publication } = both.whole.result;
  expect(got.json.review).toEqual(review);
  if (review.version === 0) return expect(got.status).toBe(404);
  expect(got.json.version).toBe(review.version);
  expect(got.json.publication).toMatchObject(publication);
  expect(got.json.reviews).toEqual(both.transitions);
}

async function follow(agency: string, steps: (() => Promise<{ status: number; text: string }>)[]) {
  const record = (await agencyRecord(agency))!;
  const seen: string[] = [];
  let before = await bothWays(record);
  expect(before.ends.result).toEqual(before.whole.result);
  for (const step of steps) {
    const answer = await step();
    if (answer.status >= 300) throw new Error(`step ${seen.length + 1}: ${answer.status} ${answer.text}`);
    const now = await bothWays(record);
    expect(now.ends.result).toEqual(now.whole.result);
    await reportAnswerAgrees(agency, now);
    seen.push(`${now.ends.result.review.state}/${now.ends.result.publication.state}`);
    before = now;
  }
  return { seen, last: before };
}

const submitAs = (agency: string, name: string, i: number) => async () => {
  const report = consistentReport(YEAR, name);
  report.sections.other = `本年度未收取信息处理费。第 ${i} 份。`;
  return repo.request('POST', '/api/reports', {
    token: await repo.token({ agency, agencyName: name }),
    headers: { 'idempotency-key': newKey('ends') },
    body: report,
  });
};
const act = (agency: string, office: string, action: string, body?: object) => async () =>
  repo.request('POST', `/api/reports/${agency}/${YEAR}/${action}`, {
    token: await repo.token({ agency: office, office }),
    ...(body ? { body } : {}),
  });
const asAdmin = (path: string) => () => repo.request('POST', `/api/reports/${path}`, { token: admin, body: {} });

test('published on 通过: the same row, status and publication after each of 28 steps; the ends read 6 items, the partition 28', async () => {
  const submit = (i: number) => submitAs('yiyang-hrss', '益阳市人力资源和社会保障局', i);
  const office = (action: string, body?: object) => act('yiyang-hrss', 'yiyang-gov', action, body);
  const steps = [
    act('yiyang-hrss', 'yiyang-hrss', 'nothing-to-report', { reason: '机构调整' }),
    submit(1),
    office('return', { reason: '表三不一致' }),
    submit(2),
    office('accept'),
    submit(3),
  ];
  for (let i = 4; i <= 15; i++) {
    steps.push(submit(i));
    if (i % 3 === 0) steps.push(office('return', { reason: `第 ${i} 版需修改` }));
    else if (i % 4 === 0) steps.push(office('accept'));
  }
  steps.push(
    submit(16),
    asAdmin(`yiyang-hrss/${YEAR}/withdraw`),
    office('accept'),
    asAdmin(`yiyang-hrss/${YEAR}/versions/2/publish`),
  );
  const { seen, last } = await follow('yiyang-hrss', steps);
  expect(steps.length).toBe(28);
  // The history went through every state and every kind of publication.
  expect(new Set(seen.map((s) => s.split('/')[0]))).toEqual(new Set(['nothing', 'submitted', 'returned', 'accepted']));
  expect(new Set(seen.map((s) => s.split('/')[1]))).toEqual(new Set(['none', 'published', 'withdrawn']));
  expect(last.ends.result.row).toMatchObject({ version: 16, state: 'accepted' });
  // The whole partition: 16 versions, every transition and the decisions; the ends: the first and latest version and
  // the latest transition for the row, then the latest version, transition and decision for what is public (the
  // latest transition is the acceptance that counts: no search for an older one).
  expect(last.whole.items).toBe(28);
  expect(last.ends.items).toBe(6);
}, 120_000);

test('published on submission: the same after withdrawals and a pin; the ends read as few items', async () => {
  const submit = (i: number) => submitAs('heshan-edu', '益阳市赫山区教育局', i);
  const steps = [submit(1), submit(2), asAdmin(`heshan-edu/${YEAR}/withdraw`), submit(3)];
  for (let i = 4; i <= 10; i++) steps.push(submit(i));
  steps.push(
    asAdmin(`heshan-edu/${YEAR}/versions/4/publish`),
    act('heshan-edu', 'heshan-gov', 'return', { reason: 'x' }),
  );
  const { seen, last } = await follow('heshan-edu', steps);
  expect(seen).toContain('submitted/withdrawn');
  expect(last.ends.result.publication).toMatchObject({ state: 'published', version: 4, latest: 10 });
  expect(last.ends.result.row).toMatchObject({ state: 'returned', version: 10, reason: 'x' });
  expect(last.whole.items).toBeGreaterThan(10);
  expect(last.ends.items).toBe(6);
}, 120_000);
