/**
 * The pane's behaviour without its looks: listens to the workbook, validates after changes settle (one read, one
 * sync), keeps the session, inserts the template, writes prose back, selects cells. Last year's report is loaded by
 * previousYear.ts (or read from a file by previousFile.ts), the submission sent by submission.ts. React components
 * render its snapshot and call its methods; tests drive it with a mock host.
 */
import { formatForYear } from '../../report/format';
import type { ProseSectionId } from '../../report/format/types';
import type { Finding, Report } from '../../report/model/types';
import { findInvisible, validate } from '../../report/rules';
import { reportFromCells } from '../../report/workbook/fromCells';
import { proseId, withAddresses, workbookLayout, type WorkbookLayout } from '../../report/workbook/layout';
import { ApiClient, ApiError } from '../api/client';
import { isExpired, loadSession, saveSession, type Session } from '../api/session';
import { signInDev, signInWithCognito } from '../api/signIn';
import { isRelevantChange, OwnWrites, type ChangeNotice } from '../logic/changes';
import { findingTarget, targetOf, type Target } from '../logic/findings';
import { prefillFromPrevious, type Prefill } from '../logic/prefill';
import { SettledRunner } from '../logic/scheduler';
import { Store } from '../logic/store';
import { DialogClosedError } from '../office/dialog';
import { listenToWorkbook } from '../office/events';
import { insertTemplate, type InsertOutcome } from '../office/insertTemplate';
import { selectTarget } from '../office/navigate';
import { readInputs, templateSheets } from '../office/readInputs';
import { writeInputs } from '../office/writeInputs';
import { withDetail, type Message } from './i18n';
import { loadImporterScript } from './loadImporter';
import { errorDetail, reportingYear, type PaneDeps } from './paneDeps';
import { PreviousFileFlow } from './previousFile';
import { PreviousYearFlow } from './previousYear';
import { INITIAL_STATE, type NoticeIntent, type PaneState } from './state';

/** How long edits must pause before the pane reads the workbook. */
export const SETTLE_MS = 400;
/** Fill of cells prefilled from last year's report (a light brand blue; input cells are light yellow). */
export const PREFILL_FILL = '#DEECF9';

export class PaneController {
  readonly store = new Store<PaneState>(INITIAL_STATE);
  readonly layout: WorkbookLayout;
  readonly api: ApiClient;
  readonly own: OwnWrites;
  readonly now: () => number;
  readonly previousFile: PreviousFileFlow;
  readonly previousYear: PreviousYearFlow = new PreviousYearFlow(this);
  private readonly runner: SettledRunner;
  private sheetNames = new Map<string, string>();
  private stopListening: (() => Promise<void>) | undefined;
  private noticeSeq = 0;

  constructor(readonly deps: PaneDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.layout = workbookLayout(formatForYear(reportingYear(this.now())));
    this.own = new OwnWrites(this.now);
    this.api = new ApiClient({
      apiBase: deps.config.apiBase,
      token: () => this.store.get().session?.token ?? null,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.retry ? { retry: deps.retry } : {}),
    });
    this.runner = new SettledRunner(
      () => this.check(),
      deps.settleMs ?? SETTLE_MS,
      deps.timers,
      (e) => this.notify('error', { key: 'officeError', vars: { detail: errorDetail(e) } }),
    );
    this.store.update({ canInsert: deps.canInsert, session: loadSession(deps.storage, this.now()) });
    const importer = deps.config.importer;
    this.previousFile = new PreviousFileFlow(
      this,
      deps.loadImporter ??
        (() => (importer ? loadImporterScript(importer) : Promise.reject(new Error('config.json: no importer')))),
    );
  }

  get state(): PaneState {
    return this.store.get();
  }

  /** Registers the workbook events (once) and makes the first check. */
  async start(): Promise<void> {
    this.stopListening = await listenToWorkbook(this.deps.run, this.deps.runWith, {
      onChanged: (n) => this.onChanged(n),
      onSheetsChanged: () => this.runner.notify(),
    });
    await this.runner.runNow();
  }

  /** Removes the event handlers (pane unload). */
  async dispose(): Promise<void> {
    this.runner.dispose();
    const stop = this.stopListening;
    this.stopListening = undefined;
    if (stop) await stop();
  }

  onChanged(notice: ChangeNotice): void {
    if (isRelevantChange(this.layout, notice, (id) => this.sheetNames.get(id), this.own)) this.runner.notify();
  }

  /** Reads now (skipping the quiet period) and resolves once findings reflect the workbook. */
  refresh(): Promise<void> {
    return this.runner.runNow();
  }

  /** The one read of the workbook per settled change: read every input, evaluate, publish. */
  private async check(): Promise<void> {
    this.store.update({ validating: true });
    try {
      const result = await readInputs(this.deps.run, this.layout);
      this.store.update((s) => ({ reads: s.reads + 1 }));
      if (result.kind === 'missing') {
        this.sheetNames = new Map();
        const { present, missing } = await templateSheets(this.deps.run, this.layout);
        this.store.update({
          template: present.length === 0 ? 'absent' : 'partial',
          missingSheets: present.length === 0 ? [] : missing,
          report: null,
          findings: [],
          checkedAt: this.now(),
        });
        return;
      }
      this.sheetNames = new Map(result.sheetIds);
      const report = reportFromCells(this.layout, result.raw);
      this.store.update({
        template: 'present',
        missingSheets: [],
        report,
        findings: this.evaluate(report),
        checkedAt: this.now(),
      });
      this.previousYear.ensure(report);
    } finally {
      this.store.update({ validating: false });
    }
  }

  /** The report core's findings, with each cell's sheet and address. */
  evaluate(report: Report): Finding[] {
    const prev = this.state.previous;
    const previous =
      prev.status === 'found' && report.year !== null && prev.year === report.year - 1 ? prev.report : undefined;
    // Invisible characters are removed when the server reads the workbook; the pane says so beforehand.
    return withAddresses(
      validate(report, { ...(previous ? { previous } : {}), inputFindings: findInvisible(report) }),
      this.layout,
    );
  }

  /** Evaluates the report read last again (last year's report changed). */
  reevaluate(): void {
    const report = this.state.report;
    if (report) this.store.update({ findings: this.evaluate(report) });
  }

  // ── Session ────────────────────────────────────────────────────────────────────────────────────────────────

  /** The session if it is still valid; an expired one is dropped with a notice. */
  liveSession(): Session | null {
    const s = this.state.session;
    if (s && isExpired(s, this.now())) {
      this.setSession(null);
      this.notify('warning', { key: 'sessionExpired' });
      return null;
    }
    return s;
  }

  private setSession(session: Session | null): void {
    saveSession(this.deps.storage, session);
    this.previousYear.forget();
    this.store.update({ session, previous: { status: 'none' }, review: null });
    if (session && this.state.report) this.previousYear.ensure(this.state.report);
    else this.reevaluate();
  }

  async signIn(dev?: { agency: string; agencyName: string }): Promise<boolean> {
    this.store.update({ signingIn: true });
    try {
      const c = this.deps.config.signIn;
      const session =
        c.mode === 'cognito'
          ? await signInWithCognito(c, {
              ui: this.deps.ui,
              origin: this.deps.origin,
              ...(this.deps.lang ? { lang: this.deps.lang } : {}),
              ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
            })
          : await signInDev(this.api, dev?.agency ?? '', dev?.agencyName ?? '');
      this.setSession(session);
      return true;
    } catch (e) {
      if (e instanceof DialogClosedError) this.notify('info', { key: 'signInCancelled' });
      else if (e instanceof ApiError)
        this.notify(
          'error',
          withDetail('signInFailed', { zh: `${e.bilingual.zh}（${e.code}）`, en: `${e.bilingual.en} (${e.code})` }),
        );
      else this.notify('error', { key: 'signInFailed', vars: { detail: errorDetail(e) } });
      return false;
    } finally {
      this.store.update({ signingIn: false });
    }
  }

  signOut(): void {
    this.setSession(null);
  }

  // ── Workbook actions ───────────────────────────────────────────────────────────────────────────────────────

  /** 插入年报模板, with 基本信息 filled and last year's figures prefilled when the repository has them. */
  async insert(): Promise<void> {
    if (!this.state.canInsert) {
      this.notify('error', { key: 'insertUnsupported' });
      return;
    }
    this.store.update({ inserting: true });
    try {
      const year = reportingYear(this.now());
      const session = this.liveSession();
      let prefill: Prefill | undefined;
      if (session?.agency) {
        const previous = await this.previousYear.load(session.agency, year - 1);
        if (previous.status === 'found') prefill = prefillFromPrevious(this.layout.format, previous.report);
        else if (previous.status === 'absent') this.notify('info', { key: 'noPrevious', vars: { year: year - 1 } });
      }
      const base64 = await this.deps.loadTemplate();
      let outcome: InsertOutcome;
      try {
        outcome = await insertTemplate(this.deps.run, this.layout, this.own, {
          base64,
          agency: session?.agencyName ?? null,
          year,
          ...(prefill ? { prefill: prefill.values, prefillFill: PREFILL_FILL } : {}),
        });
      } catch (e) {
        // Excel on the web refuses some workbooks with GeneralException; a fresh workbook usually takes it.
        this.notify('error', { key: 'insertFailed', vars: { detail: errorDetail(e) } });
        return;
      }
      if (outcome.kind === 'present') {
        this.notify('warning', { key: 'alreadyPresent', vars: { sheets: outcome.sheets.join('、') } });
        return;
      }
      this.notify('success', { key: 'inserted', vars: { year } });
      const ids = Object.keys(prefill?.values ?? {});
      // Shown on the checks tab for as long as the person wants it (not as a passing notice).
      if (prefill && ids.length > 0) this.store.update({ prefilled: { ids, fromYear: prefill.fromYear ?? year - 1 } });
    } catch (e) {
      this.notify('error', { key: 'officeError', vars: { detail: errorDetail(e) } });
    } finally {
      this.store.update({ inserting: false });
      await this.runner.runNow();
    }
  }

  /** Writes a prose section's text back to its cell, then checks again. */
  async saveSection(section: ProseSectionId, text: string): Promise<boolean> {
    try {
      await writeInputs(this.deps.run, this.layout, this.own, [
        { id: proseId(section), value: text.trim() === '' ? null : text },
      ]);
      await this.runner.runNow();
      return true;
    } catch (e) {
      this.notify('error', { key: 'officeError', vars: { detail: errorDetail(e) } });
      return false;
    }
  }

  /** The person has read the prefill note. */
  dismissPrefill(): void {
    this.store.update({ prefilled: null });
  }

  /** Selects the cells a finding points at. */
  select(finding: Finding): Promise<void> {
    return this.selectTarget(findingTarget(this.layout, finding));
  }

  /** Selects input cells by id (those on the first one's sheet). */
  selectIds(ids: readonly string[]): Promise<void> {
    return this.selectTarget(targetOf(this.layout, ids));
  }

  private async selectTarget(target: Target | undefined): Promise<void> {
    if (!target) return;
    try {
      await selectTarget(this.deps.run, target);
    } catch (e) {
      this.notify('error', { key: 'officeError', vars: { detail: errorDetail(e) } });
    }
  }

  // ── Notices ────────────────────────────────────────────────────────────────────────────────────────────────

  notify(intent: NoticeIntent, message: Message): void {
    const id = ++this.noticeSeq;
    // One notice per kind of message: a repeated failure does not stack up.
    const same = (m: Message) => (m.key ?? m.text?.en) === (message.key ?? message.text?.en);
    this.store.update((s) => ({ notices: [...s.notices.filter((n) => !same(n.message)), { id, intent, message }] }));
  }

  dismiss(id: number): void {
    this.store.update((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }
}
