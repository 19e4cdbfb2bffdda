/**
 * What the pane's controller and its flows (previous year, previous file, submission) share: the dependencies the
 * pane is built from, the year being reported on, and the detail a notice shows for a failure.
 */
import type { AddinConfig } from '../../contract/addin';
import { ApiError, type RetryPolicy } from '../api/client';
import type { PreviousImporter } from '../importer/reader';
import type { Timers } from '../logic/scheduler';
import type { DialogHost } from '../office/dialog';
import type { FileSource } from '../office/exportFile';
import type { ExcelRun, ExcelRunWith } from '../office/run';
import type { DocumentSettings } from '../office/settings';

export interface PaneDeps {
  readonly run: ExcelRun;
  readonly runWith: ExcelRunWith;
  readonly document: FileSource;
  readonly ui: DialogHost;
  readonly config: AddinConfig;
  /** The pane's own origin (dialog pages are served from it). */
  readonly origin: string;
  /** The template workbook as base64 (fetched from the add-in's assets when first needed). */
  readonly loadTemplate: () => Promise<string>;
  /** ExcelApi 1.13 is available (insertWorksheetsFromBase64). */
  readonly canInsert: boolean;
  readonly storage?: Storage;
  /** The workbook's own settings (Office.context.document.settings): the submission's key is kept there. */
  readonly settings?: DocumentSettings;
  /** The pane's language (the hosted sign-in pages follow it). */
  readonly lang?: 'zh' | 'en';
  readonly fetch?: typeof fetch;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly randomUUID?: () => string;
  readonly settleMs?: number;
  readonly retry?: RetryPolicy;
  /** The importer for last year's report from a file (default: its bundle, named in config.json, by a script tag). */
  readonly loadImporter?: () => Promise<PreviousImporter>;
}

/** The year a report is usually being prepared for: last year. */
export function reportingYear(now: number): number {
  return new Date(now).getFullYear() - 1;
}

export function errorDetail(e: unknown): string {
  if (e instanceof ApiError) return `${e.code}`;
  if (e && typeof e === 'object' && 'message' in e) return String((e as Error).message);
  return String(e);
}
