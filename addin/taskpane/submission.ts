/**
 * 一键提交: a final check on a fresh read (errors block, warnings need a confirmation), the workbook file exported
 * for the archive, then the upload. Each click makes one attempt with its own Idempotency-Key; the attempt (key,
 * bytes, confirmation) is kept so that "retry" resends exactly the same request and cannot store a second version.
 */
import { MAX_BODY_BYTES } from '../../contract/limits';
import type { Finding } from '../../report/model/types';
import { ApiError, type SubmitAttempt } from '../api/client';
import { countBySeverity } from '../logic/findings';
import { exportWorkbook, FileTooLargeError } from '../office/exportFile';
import type { PaneController } from './controller';
import { errorDetail } from './controller';
import { formatBytes, type Message } from './i18n';
import type { SubmitState } from './state';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

const BUSY_PHASES: ReadonlySet<SubmitState['phase']> = new Set(['checking', 'exporting', 'uploading']);

export class SubmitFlow {
  /** The attempt in flight or failed: what a retry resends. */
  private attempt: SubmitAttempt | null = null;

  constructor(private readonly pane: PaneController) {}

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
    const idempotencyKey = this.pane.deps.randomUUID?.() ?? newKey();
    this.set({ phase: 'exporting' });
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
        // Refused on its merits (errors, or warnings not confirmed): a new click, with a new key, is needed.
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
