/**
 * The JSON shapes of the API's answers, as the server builds them and the clients (task pane, web pages, CLI) read
 * them. Findings are the report core's Finding; this module imports nothing, so answers that carry findings are
 * generic in their type.
 */
import type { SubmissionKind } from './media';
import type { ReviewStatus } from './review';

/** Who sent a version or made a decision, from their token. */
export interface Submitter {
  readonly sub: string;
  readonly username?: string;
  /** The agency of the token (an admin may act for another agency). */
  readonly agency?: string;
  /** The office of a reviewer's token. */
  readonly office?: string;
  readonly admin: boolean;
}

/** The clients that say who they are (CLIENT_HEADER); `other` for any request that does not. */
export const CLIENT_KINDS = ['addin', 'cli', 'web', 'other'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** The client a version came from, as its request said. */
export interface SubmittingClient {
  readonly kind: ClientKind;
  readonly version?: string;
}

/** One stored version of a report, without its content. */
export interface VersionSummary {
  readonly agency: string;
  /** The name it is published under: the registered official name, else the report's own 行政机关名称. */
  readonly agencyName: string | null;
  readonly year: number;
  readonly version: number;
  /** The report format: '2021' or '2019'. */
  readonly format: string;
  readonly submittedAt: string;
  readonly submittedBy: Submitter;
  /** What was sent: its kind, content type, size and SHA-256. */
  readonly source: {
    readonly kind: SubmissionKind;
    readonly contentType: string;
    readonly bytes: number;
    readonly sha256: string;
  };
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  /** The warning codes the submitter confirmed. */
  readonly confirmedWarnings: readonly string[];
  /**
   * The SHA-256 of the report as read (its canonical JSON): equal for the same report however it was sent. Absent
   * for versions stored before it was recorded.
   */
  readonly contentSha256?: string;
  /** What sent it (add-in, CLI, web page); absent for versions stored before it was recorded. */
  readonly client?: SubmittingClient;
}

/** The 201 answer to an accepted submission (replayed unchanged for a repeated Idempotency-Key). */
export interface AcceptedAnswer<F> extends VersionSummary {
  readonly findings: readonly F[];
  readonly publishedUrl: string;
}

/** What the public sees of a report: nothing, a version, or that it was withdrawn. */
export type Publication =
  /** Nothing public: nothing submitted, or (`awaiting`) the latest version waits for its office's 通过. */
  | { readonly state: 'none'; readonly latest?: number; readonly awaiting?: 'acceptance' }
  | { readonly state: 'withdrawn'; readonly since: string; readonly latest: number }
  | { readonly state: 'published'; readonly version: number; readonly since: string; readonly latest: number };

/** An administrator's publication decision, as answers show it. */
export interface DecisionSummary {
  readonly action: 'publish' | 'withdraw';
  readonly version?: number;
  readonly basis: number;
  readonly decidedAt: string;
  readonly decidedBy: Submitter;
  readonly reason?: string;
}

export type PublicationAnswer = Publication & { readonly decision?: DecisionSummary };

/** How many versions a page of GET /reports/{agency}/{year}/versions holds. */
export const VERSION_PAGE = { default: 50, max: 200 } as const;

/**
 * GET /reports/{agency}/{year}/versions: one page of a report's versions, newest first, with what is public and its
 * review state (of the report, not of the page); `next` asks for the older ones (&cursor=), absent on the last page.
 */
export interface VersionList {
  readonly agency: string;
  readonly year: number;
  readonly versions: readonly VersionSummary[];
  readonly publication: PublicationAnswer;
  readonly review: ReviewStatus;
  readonly next?: string;
}

/** How many agencies a page of the administrators' yearly list (GET /reports without agency=) holds. */
export const REPORT_LIST_PAGE = { default: 100, max: 500 } as const;

/** One agency's line in GET /reports: its latest version, what is public and its review state once it submitted. */
export interface ReportListEntry {
  readonly agency: string;
  readonly agencyName: string | null;
  readonly submitted: boolean;
  readonly latest?: VersionSummary;
  readonly publication?: PublicationAnswer;
  readonly review?: ReviewStatus;
}

/**
 * GET /reports: an agency's own line, or a page of every agency known for the year (administrators). The counts are
 * of the lines given; `next` asks for the next page (&cursor=), absent on the last.
 */
export interface ReportList {
  readonly year: number;
  readonly submitted: number;
  readonly notSubmitted: number;
  readonly reports: readonly ReportListEntry[];
  readonly next?: string;
}
