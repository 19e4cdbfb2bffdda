/**
 * The review desk, as it crosses HTTP: the states of a report for its reviewing office (未报送 → 已报送 → 已退回 →
 * 已报送 again → 已通过, or 无需报送), the transitions that move it, the desk's rows with deadlines, and the
 * consolidated 本级政府 report's answer.
 */
import type { Submitter } from './answers';
import type { Bilingual } from './bilingual';
import type { AgencyKind, AgencyLevel, ConsolidationScope } from './registry';

/** What a reviewing office (or the agency itself, for `nothing`) does to a report. */
export type ReviewAction = 'return' | 'accept' | 'nothing';

/** A reviewer's comment on one input of the workbook, by its id (t3.new.natural, meta.agency, text.overview). */
export interface CellComment {
  readonly cell: string;
  readonly comment: string;
}

export const REVIEW_LIMITS = { comments: 200, commentChars: 500 } as const;

export type ReviewState = 'missing' | 'submitted' | 'returned' | 'accepted' | 'nothing';

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, Bilingual>> = {
  missing: { zh: '未报送', en: 'not submitted' },
  submitted: { zh: '已报送', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  accepted: { zh: '已通过', en: 'accepted' },
  nothing: { zh: '无需报送', en: 'nothing to report' },
};

export interface ReviewTransitionAnswer {
  readonly review: number;
  readonly action: ReviewAction;
  /** The latest version when it was made (0: before any version). */
  readonly version: number;
  readonly reason?: string;
  readonly comments?: readonly CellComment[];
  readonly at: string;
  readonly by: Submitter;
}

/** A report's review status: its state, since when, and the transition that set it (with reason and comments). */
export interface ReviewStatus {
  readonly state: ReviewState;
  /** The latest version (0: none). */
  readonly version: number;
  readonly since?: string;
  readonly transition?: ReviewTransitionAnswer;
}

/** One agency on the desk of its reviewing office for a year. */
export interface DeskRow {
  readonly agency: string;
  readonly name: string;
  readonly level: AgencyLevel;
  readonly kind: AgencyKind;
  readonly state: ReviewState;
  /** Its legal deadline for the year, YYYY-MM-DD (Beijing time, end of day). */
  readonly deadline: string;
  /** Past the deadline and not submitted (or returned and not submitted again). */
  readonly overdue: boolean;
  /** First submitted after the deadline. */
  readonly late: boolean;
  readonly version: number;
  readonly firstSubmittedAt?: string;
  readonly lastSubmittedAt?: string;
  readonly returnedAt?: string;
  readonly acceptedAt?: string;
  readonly nothingAt?: string;
  /** The reason of the transition that set the state (a return's, a filing's). */
  readonly reason?: string;
  /** Whether a reminder can reach it (the registry has an address). */
  readonly reachable: boolean;
}

/**
 * GET /review/{year}: one page of an office's desk, in agency-id order. The counts and the reminder list are of this
 * page's rows (a client sums them over the pages it follows); `next` asks for the next page (&cursor=), absent on
 * the last. The CSV export (format=csv) and POST …/reminders cover the whole office.
 */
export interface DeskAnswer {
  readonly office: string;
  readonly officeName: string;
  readonly year: number;
  /** When the desk was read (the overdue flags are as of then). */
  readonly asOf: string;
  /** Of this page's rows. */
  readonly counts: DeskCounts;
  readonly rows: readonly DeskRow[];
  /** This page's agencies to remind: not submitted (or returned) and due within a week, or overdue. */
  readonly reminders: readonly string[];
  readonly next?: string;
}

export type DeskCounts = Readonly<Record<ReviewState | 'overdue', number>>;

/** How many agencies a page of the desk holds (GET /review/{year}?limit=). */
export const DESK_PAGE = { default: 100, max: 500 } as const;

/** Adds a page's counts to those of the pages before (clients following `next`). */
export function addCounts(a: DeskCounts, b: DeskCounts): DeskCounts {
  return {
    missing: a.missing + b.missing,
    submitted: a.submitted + b.submitted,
    returned: a.returned + b.returned,
    accepted: a.accepted + b.accepted,
    nothing: a.nothing + b.nothing,
    overdue: a.overdue + b.overdue,
  };
}

/** The desk read so far followed by its next page: rows, counts and reminders joined, the page's `next` kept. */
export function joinDeskPage(sofar: DeskAnswer, page: DeskAnswer): DeskAnswer {
  const { next: _next, ...before } = sofar;
  return {
    ...before,
    counts: addCounts(sofar.counts, page.counts),
    rows: [...sofar.rows, ...page.rows],
    reminders: [...sofar.reminders, ...page.reminders],
    ...(page.next ? { next: page.next } : {}),
  };
}

/** Days before a deadline from which an agency that has not submitted is on the reminder list. */
export const REMIND_DAYS_BEFORE = 7;

export interface ReminderAnswer {
  readonly sent: readonly string[];
  /** On the list but with no address in the registry. */
  readonly unreachable: readonly string[];
  /** ses: e-mailed through Amazon SES; log: written to the log (the local stack, or a stage without SES). */
  readonly channel: 'ses' | 'log';
}

/** The consolidated 本级政府 report: the sums and who is in them. */
export interface ConsolidationAnswer<R, F> {
  readonly office: string;
  readonly officeName: string;
  readonly year: number;
  readonly scope: ConsolidationScope;
  /** The reports summed: each agency's accepted version. */
  readonly included: readonly { agency: string; name: string; version: number }[];
  /** Agencies in scope without an accepted report, with their state. */
  readonly missing: readonly { agency: string; name: string; state: ReviewState }[];
  readonly report: R;
  readonly findings: readonly F[];
}
