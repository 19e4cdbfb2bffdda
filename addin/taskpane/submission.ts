/**
 * 一键提交: a final check on a fresh read (errors block, warnings need a confirmation), the workbook file exported
 * for the archive, then the upload. The Idempotency-Key belongs to the report, not to the click (submissionKey.ts):
 * 一键提交, 重试 and 再次提交 all send the same report under the same key, kept with the workbook across reloads, so
 * however often it is clicked one report is stored once; a changed report gets a new key. The failed attempt (key,
 * bytes, confirmation) is kept so that 重试 resends exactly the same request.
 */
import { MAX_BODY_BYTES } from '../../contract/limits';
import type { Finding } from '../../report/model/types';
import { ApiError, type SubmitAttempt } from '../api/client';
import { countBySeverity } from '../logic/findings';
import { exportWorkbook, FileTooLargeError } from '../office/exportFile';
import type { PaneController } from './controller';
import { errorDetail } from './paneDeps';
import { formatBytes, type Message } from './i18n';
import type { SubmitState } from './state';
import { fingerprint, SubmissionKeys } from './submissionKey';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

const BUSY_PHASES: ReadonlySet<SubmitState['phase']> = new Set(['checking', 'exporting', 'uploading']);

export class SubmitFlow {
  /** The attempt in flight or failed: what a retry resends. */
  private attempt: SubmitAttempt | null = null;
  private readonly keys: SubmissionKeys;

  constructor(private readonly pane: PaneController) {
    this.keys = new SubmissionKeys(pane.deps.settings, () => pane.deps.randomUUID?.() ?? newKey());
  }

  private set(submit: SubmitState): void {
    this.pane.store.update({ submit });
  }

  get busy(): boolean {
    return BUSY_PHASES.has(this.pane.state.submit.phase);
  }

  /** The click on 一键提交. */
  async start(): Promise<void> {
    if (this.busy) return;
    if (!this.pane.liveSession()) {
      this.set({ phase: 'failed', code: 'E-AUTH-MISSING', message: { key: 'submitNeedsSignIn' }, canRetry: false });
      return;
    }
    this.set({ phase: 'checking' });
    await this.pane.refresh();
    const s = this.pane.state;
    if (s.template !== 'present') {
      this.set({ phase: 'failed', code: 'E-TEMPLATE', message: { key: 'submitNeedsTemplate' }, canRetry: false });
      return;
    }
    const counts = countBySeverity(s.findings);
    if (counts.error > 0) {
      this.set({ phase: 'blocked', errors: counts.error });
      return;
    }
    const warnings = s.findings.filter((f) => f.severity === 'warning');
    if (warnings.length > 0) {
      this.set({ phase: 'confirm', warnings });
      return;
    }
    await this.send([]);
  }

  /** The person confirmed the warnings shown: submit, confirming exactly their rule codes. */
  async confirm(): Promise<void> {
    const s = this.pane.state.submit;
    if (s.phase !== 'confirm') return;
    await this.send([...new Set(s.warnings.map((f: Finding) => f.rule))]);
  }

  cancel(): void {
    if (!this.busy) this.set({ phase: 'idle' });
  }

  /** Resends the failed attempt: same key, same bytes, same confirmation. */
  async retry(): Promise<void> {
    if (this.busy || !this.attempt) return;
    if (!this.pane.liveSession()) {
      this.set({ phase: 'failed', code: 'E-AUTH-MISSING', message: { key: 'submitNeedsSignIn' }, canRetry: true });
      return;
    }
    await this.upload(this.attempt);
  }

  private async send(confirmedWarnings: string[]): Promise<void> {
    this.set({ phase: 'exporting' });
    // The report as just read (start() refreshed it): its key, reused for as long as it stays the same.
    const report = this.pane.state.report;
    const agency = this.pane.state.session?.agency ?? '';
    const idempotencyKey = report
      ? await this.keys.keyFor(await fingerprint(agency, report))
      : (this.pane.deps.randomUUID?.() ?? newKey());
    let file: Uint8Array;
    try {
      file = await exportWorkbook(this.pane.deps.document, MAX_BODY_BYTES);
    } catch (e) {
      const message: Message =
        e instanceof FileTooLargeError
          ? { key: 'fileTooLarge' as const, vars: { size: formatBytes(e.size), limit: formatBytes(e.limit) } }
          : { key: 'exportFailed' as const, vars: { detail: errorDetail(e) } };
      this.set({ phase: 'failed', code: 'E-EXPORT', message, canRetry: false });
      return;
    }
    await this.upload((this.attempt = { idempotencyKey, file, confirmedWarnings }));
  }

  private async upload(attempt: SubmitAttempt): Promise<void> {
    const of = this.pane.api.attempts;
    this.set({ phase: 'uploading', attempt: 1, of });
    try {
      const receipt = await this.pane.api.submit(attempt, (n) => this.set({ phase: 'uploading', attempt: n, of }));
      this.attempt = null;
      this.set({ phase: 'done', receipt });
    } catch (e) {
      if (!(e instanceof ApiError)) {
        this.set({
          phase: 'failed',
          code: 'E-CLIENT',
          message: { key: 'exportFailed', vars: { detail: errorDetail(e) } },
          canRetry: true,
        });
        return;
      }
      const message = { text: e.bilingual };
      if (e.status === 422) {
        // Refused on its merits (errors, or warnings not confirmed): nothing was stored; the next click sends the
        // report again (under the same key while it is unchanged, which the server allows for a refused request).
        this.attempt = null;
        this.set({ phase: 'refused', code: e.code, message, findings: e.findings });
        return;
      }
      if (e.status === 401) {
        this.pane.signOut();
        this.set({ phase: 'failed', code: e.code, message: { key: 'sessionExpired' }, canRetry: true });
        return;
      }
      this.set({ phase: 'failed', code: e.code, message, canRetry: e.retryable });
      if (!e.retryable) this.attempt = null;
    }
  }
}
