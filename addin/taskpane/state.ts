/** What the pane shows, as one immutable snapshot (see controller.ts for how it changes). */
import type { ReviewStatus } from '../../contract/review';
import type { Finding, Report } from '../../report/model/types';
import type { Receipt } from '../api/client';
import type { Session } from '../api/session';
import type { Message } from './i18n';

export type TemplateStatus = 'checking' | 'absent' | 'partial' | 'present';

export type NoticeIntent = 'error' | 'warning' | 'success' | 'info';

export interface Notice {
  readonly id: number;
  readonly intent: NoticeIntent;
  readonly message: Message;
}

/** Last year's report read from a file in the pane: the file's name and what reading it found (repairs offered). */
export interface PreviousFile {
  readonly name: string;
  readonly findings: readonly Finding[];
}

/** Last year's report from the repository (or from a file the person picked), for YEAR-* rules and the prefill. */
export type PreviousState =
  | { readonly status: 'none' }
  | { readonly status: 'loading'; readonly year: number }
  | { readonly status: 'found'; readonly year: number; readonly report: Report; readonly file?: PreviousFile }
  | { readonly status: 'absent'; readonly year: number }
  | { readonly status: 'error'; readonly year: number };

export type SubmitState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'checking' }
  | { readonly phase: 'blocked'; readonly errors: number }
  | { readonly phase: 'confirm'; readonly warnings: readonly Finding[] }
  | { readonly phase: 'exporting' }
  | { readonly phase: 'uploading'; readonly attempt: number; readonly of: number }
  | { readonly phase: 'done'; readonly receipt: Receipt }
  | {
      readonly phase: 'refused';
      readonly code: string;
      readonly message: Message;
      readonly findings: readonly Finding[];
    }
  | { readonly phase: 'failed'; readonly code: string; readonly message: Message; readonly canRetry: boolean };

export interface PaneState {
  readonly session: Session | null;
  readonly signingIn: boolean;
  readonly template: TemplateStatus;
  readonly missingSheets: readonly string[];
  readonly inserting: boolean;
  readonly canInsert: boolean;
  /** The report as last read from the workbook. */
  readonly report: Report | null;
  readonly findings: readonly Finding[];
  readonly checkedAt: number | null;
  readonly validating: boolean;
  readonly previous: PreviousState;
  /** Cells prefilled from last year's report (marked in the sheet), until the person dismisses the note. */
  readonly prefilled: { readonly ids: readonly string[]; readonly fromYear: number } | null;
  readonly notices: readonly Notice[];
  /** Where this year's report stands with the reviewing office (a return, with its reason and cell comments). */
  readonly review: { readonly year: number; readonly status: ReviewStatus } | null;
  readonly submit: SubmitState;
  /** How many reads of the workbook the pane has made (diagnostics; the tests look at it). */
  readonly reads: number;
}

export const INITIAL_STATE: PaneState = {
  session: null,
  signingIn: false,
  template: 'checking',
  missingSheets: [],
  inserting: false,
  canInsert: true,
  report: null,
  findings: [],
  checkedAt: null,
  validating: false,
  previous: { status: 'none' },
  prefilled: null,
  notices: [],
  review: null,
  submit: { phase: 'idle' },
  reads: 0,
};
