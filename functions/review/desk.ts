/**
 * The desk of a reviewing office for a year: each agency it reviews with its state, dates and legal deadline
 * (31 January for departments, 31 March for governments, of the year after; a province may set its own), the
 * overdue flags as of a moment, and the reminder list. "Nothing to report" filings are counted apart from reports
 * not submitted, and never overdue.
 */
import {
  DESK_PAGE,
  joinDeskPage,
  REMIND_DAYS_BEFORE,
  REVIEW_STATE_LABELS,
  type DeskAnswer,
  type DeskRow,
  type ReviewState,
  type ReviewStatus,
} from '../../contract/review';
import type { AgencyRecord } from '../../contract/registry';
import { csvField } from '../../report/render/openData';
import { mapLimit } from '../publishing';
import { deadlinesFor } from '../registry/derive';
import { agencyRecord, listAgencyPage, reportEnds, type VersionMeta } from '../store';
import { reviewStatusOfEnds } from './state';

const DAY_MS = 24 * 3600 * 1000;

/** An agency's deadline for a year's report: the month-day of the year after, at the end of that day in Beijing. */
export function deadlineOf(
  record: Pick<AgencyRecord, 'kind' | 'path' | 'settings'>,
  year: number,
  top?: AgencyRecord,
): { date: string; endsAt: number } {
  const d = deadlinesFor(record, top);
  const date = `${year + 1}-${record.kind === '政府' ? d.governments : d.departments}`;
  return { date, endsAt: Date.parse(`${date}T23:59:59.999+08:00`) };
}

/** What a row needs of a report: its review status, its first and its latest version. */
export interface DeskState {
  readonly review: ReviewStatus;
  readonly first?: Pick<VersionMeta, 'submittedAt'>;
  readonly last?: Pick<VersionMeta, 'submittedAt'>;
}

/**
 * An agency's report as its row needs it, read at a cost that does not grow with its history: its first and latest
 * versions and its latest transition, one item each (store reportEnds), not every version and transition.
 */
export async function deskState(agency: string, year: number): Promise<DeskState> {
  const ends = await reportEnds(agency, year, { first: true });
  return {
    review: reviewStatusOfEnds(ends.latest, ends.review),
    ...(ends.first ? { first: ends.first } : {}),
    ...(ends.latest ? { last: ends.latest } : {}),
  };
}

/** One agency's row (pure): its state, its deadline and the flags as of `asOf`. */
export function deskRow(
  record: AgencyRecord,
  state: DeskState,
  deadline: { date: string; endsAt: number },
  asOf: number,
): DeskRow {
  const { review, first, last } = state;
  const t = review.transition;
  const open = review.state === 'missing' || review.state === 'returned';
  return {
    agency: record.agency,
    name: record.name,
    level: record.level,
    kind: record.kind,
    state: review.state,
    deadline: deadline.date,
    overdue: open && asOf > deadline.endsAt,
    late: first !== undefined && Date.parse(first.submittedAt) > deadline.endsAt,
    version: review.version,
    ...(first ? { firstSubmittedAt: first.submittedAt } : {}),
    ...(last ? { lastSubmittedAt: last.submittedAt } : {}),
    ...(t && review.state === 'returned' ? { returnedAt: t.at } : {}),
    ...(t && review.state === 'accepted' ? { acceptedAt: t.at } : {}),
    ...(t && review.state === 'nothing' ? { nothingAt: t.at } : {}),
    ...(t?.reason && (review.state === 'returned' || review.state === 'nothing') ? { reason: t.reason } : {}),
    reachable: Boolean(record.email),
  };
}

/** On the reminder list: not submitted (or returned) and due within REMIND_DAYS_BEFORE days, or overdue. */
export function needsReminder(row: DeskRow, endsAt: number, asOf: number): boolean {
  return (row.state === 'missing' || row.state === 'returned') && asOf >= endsAt - REMIND_DAYS_BEFORE * DAY_MS;
}

export interface Desk extends DeskAnswer {
  /** The registry records of the agencies on the desk, by id (for reminders: their addresses). */
  readonly records: ReadonlyMap<string, AgencyRecord>;
}

const NO_COUNTS = { missing: 0, submitted: 0, returned: 0, accepted: 0, nothing: 0, overdue: 0 };

/**
 * Reads one page of the desk: the next `limit` agencies of the office from the registry (in id order, after
 * `cursor`), and the ends of each of those agencies' reports (16 at a time, deskState), so a request costs its
 * page, not the office nor the agencies' histories. A garbled cursor throws the store's CursorError.
 */
export async function readDeskPage(
  office: AgencyRecord,
  year: number,
  asOf: number,
  page: { limit: number; cursor?: string },
): Promise<Desk> {
  const { agencies: members, next } = await listAgencyPage({ office: office.agency }, page);
  // The provinces whose deadlines hold (one, as a rule): each read by itself.
  const tops = [...new Set(members.map((m) => m.path[0]).filter((t): t is string => t !== undefined))];
  const topRecords = new Map(
    (await Promise.all(tops.map(agencyRecord))).filter((r) => r !== undefined).map((r) => [r.agency, r]),
  );
  const states = await mapLimit(members, 16, (m) => deskState(m.agency, year));
  const reminders: string[] = [];
  const rows = members.map((m, i) => {
    const deadline = deadlineOf(m, year, m.path[0] ? topRecords.get(m.path[0]) : undefined);
    const row = deskRow(m, states[i]!, deadline, asOf);
    if (needsReminder(row, deadline.endsAt, asOf)) reminders.push(m.agency);
    return row;
  });
  const counts = { ...NO_COUNTS };
  for (const r of rows) {
    counts[r.state]++;
    if (r.overdue) counts.overdue++;
  }
  return {
    office: office.agency,
    officeName: office.name,
    year,
    asOf: new Date(asOf).toISOString(),
    counts,
    rows,
    reminders,
    records: new Map(members.map((m) => [m.agency, m])),
    ...(next ? { next } : {}),
  };
}

/**
 * The whole desk (the CSV export, the reminders: one deliberate action on the whole office), read page after page
 * of DESK_PAGE.max agencies, so no more than one page's partitions are read at once.
 */
export async function readDesk(office: AgencyRecord, year: number, asOf: number): Promise<Desk> {
  let desk = await readDeskPage(office, year, asOf, { limit: DESK_PAGE.max });
  while (desk.next) {
    const page = await readDeskPage(office, year, asOf, { limit: DESK_PAGE.max, cursor: desk.next });
    desk = { ...joinDeskPage(desk, page), records: new Map([...desk.records, ...page.records]) };
  }
  return desk;
}

const CSV_COLUMNS: readonly { label: string; value: (r: DeskRow) => string | number | null }[] = [
  { label: '机关代码', value: (r) => r.agency },
  { label: '机关名称', value: (r) => r.name },
  { label: '层级', value: (r) => r.level },
  { label: '类别', value: (r) => r.kind },
  { label: '状态', value: (r) => REVIEW_STATE_LABELS[r.state as ReviewState].zh },
  { label: '截止日期', value: (r) => r.deadline },
  { label: '逾期', value: (r) => (r.overdue ? '是' : '') },
  { label: '迟报', value: (r) => (r.late ? '是' : '') },
  { label: '最新版本', value: (r) => r.version || null },
  { label: '首次报送', value: (r) => r.firstSubmittedAt ?? null },
  { label: '最近报送', value: (r) => r.lastSubmittedAt ?? null },
  { label: '退回时间', value: (r) => r.returnedAt ?? null },
  { label: '通过时间', value: (r) => r.acceptedAt ?? null },
  { label: '无需报送时间', value: (r) => r.nothingAt ?? null },
  { label: '理由', value: (r) => r.reason ?? null },
];

/** The desk as CSV for Excel (UTF-8 with BOM, CRLF; text that could start a formula is defused). */
export function deskCsv(desk: DeskAnswer): string {
  const lines = [CSV_COLUMNS.map((c) => csvField(c.label)).join(',')];
  for (const row of desk.rows) lines.push(CSV_COLUMNS.map((c) => csvField(c.value(row))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
