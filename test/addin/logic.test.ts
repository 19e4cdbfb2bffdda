/** The pane's pure logic: where inputs sit, which changes count, settling, reading values, prefill, findings. */
import { FORMAT_2021 } from '../../report/format';
import type { Finding, Report } from '../../report/model/types';
import { emptyReport } from '../../report/model/report';
import { validate } from '../../report/rules';
import { proseId, workbookLayout } from '../../report/workbook/layout';
import { isRelevantChange, OWN_WRITE_GRACE_MS, OwnWrites } from '../../addin/logic/changes';
import { countBySeverity, findingTarget, groupBySeverity, targetLabel } from '../../addin/logic/findings';
import { parseAddress, sheetBoxes, touchesInputs } from '../../addin/logic/geometry';
import { prefillFromPrevious } from '../../addin/logic/prefill';
import { SettledRunner, type Timers } from '../../addin/logic/scheduler';

const layout = workbookLayout(FORMAT_2021);
const slot = (id: string) => layout.byId.get(id)!;

describe('geometry', () => {
  it('gives one box per sheet that covers exactly its inputs', () => {
    const boxes = sheetBoxes(layout);
    expect(boxes.map((b) => b.sheet)).toEqual(layout.sheets.map((s) => s.name));
    for (const s of layout.inputs) {
      const b = boxes.find((x) => x.sheet === s.sheet)!;
      expect(s.row).toBeGreaterThanOrEqual(b.top);
      expect(s.row).toBeLessThanOrEqual(b.bottom);
      expect(s.col).toBeGreaterThanOrEqual(b.left);
      expect(s.col).toBeLessThanOrEqual(b.right);
    }
    expect(boxes.reduce((n, b) => n + b.slots.length, 0)).toBe(layout.inputs.length);
  });

  it('parses change addresses, whole rows and columns, and several areas', () => {
    expect(parseAddress('D5')).toEqual([{ top: 5, left: 4, bottom: 5, right: 4 }]);
    expect(parseAddress('$D$5:J29')).toEqual([{ top: 5, left: 4, bottom: 29, right: 10 }]);
    expect(parseAddress('C:C')).toEqual([{ top: 1, left: 3, bottom: Infinity, right: 3 }]);
    expect(parseAddress('7:9')).toEqual([{ top: 7, left: 1, bottom: 9, right: Infinity }]);
    expect(parseAddress("'表'!A1, B2")).toHaveLength(2);
    expect(parseAddress('???')).toEqual([{ top: 1, left: 1, bottom: Infinity, right: Infinity }]);
  });

  it('tells input cells from labels', () => {
    const s = slot('t3.granted.natural');
    expect(touchesInputs(layout, s.sheet, s.address)).toBe(true);
    expect(touchesInputs(layout, s.sheet, 'A1')).toBe(false); // the title
    expect(touchesInputs(layout, s.sheet, `A1:${s.address}`)).toBe(true); // a pasted block
    expect(touchesInputs(layout, 'Sheet1', 'A1')).toBe(false);
  });
});

describe('changes', () => {
  const s = slot('t3.granted.natural');
  const names = new Map([['{id}', s.sheet]]);
  const notice = (address: string, triggerSource?: string) => ({
    worksheetId: '{id}',
    address,
    ...(triggerSource ? { triggerSource } : {}),
  });

  it('counts a person’s edit of an input, not labels, other sheets or the add-in’s own writes', () => {
    let now = 1000;
    const own = new OwnWrites(() => now);
    const relevant = (n: ReturnType<typeof notice>) => isRelevantChange(layout, n, (id) => names.get(id), own);
    expect(relevant(notice(s.address))).toBe(true);
    expect(relevant(notice('A1'))).toBe(false);
    expect(isRelevantChange(layout, { worksheetId: '{other}', address: s.address }, (id) => names.get(id), own)).toBe(
      false,
    );
    expect(relevant(notice(s.address, 'ThisLocalAddin'))).toBe(false);
    const end = own.begin(s.sheet, [s.address]);
    expect(relevant(notice(s.address))).toBe(false);
    end();
    now += OWN_WRITE_GRACE_MS - 1;
    expect(relevant(notice(s.address))).toBe(false);
    now += 2;
    expect(relevant(notice(s.address))).toBe(true);
  });

  it('does not take a larger paste over its own write for its own', () => {
    const own = new OwnWrites(() => 0);
    own.begin(s.sheet, [s.address]);
    expect(own.covers(s.sheet, s.address)).toBe(true);
    expect(own.covers(s.sheet, `${s.address}:J20`)).toBe(false);
  });
});

describe('SettledRunner', () => {
  function fakeTimers() {
    const pending = new Map<number, () => void>();
    let seq = 0;
    const timers: Timers = {
      setTimeout: (fn) => (pending.set(++seq, fn), seq),
      clearTimeout: (h) => void pending.delete(h as number),
    };
    const fire = () => {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((f) => f());
    };
    return { timers, fire, pending };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  it('runs once after a burst of changes, and once more for changes during a run', async () => {
    const t = fakeTimers();
    let runs = 0;
    let release: () => void = () => {};
    const runner = new SettledRunner(() => new Promise<void>((r) => (runs++, (release = r))), 300, t.timers);
    for (let i = 0; i < 500; i++) runner.notify();
    expect(t.pending.size).toBe(1);
    t.fire();
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) runner.notify(); // while the read is under way
    expect(t.pending.size).toBe(0);
    release();
    await flush();
    expect(t.pending.size).toBe(1);
    t.fire();
    expect(runs).toBe(2);
    release();
    await flush();
    expect(t.pending.size).toBe(0);
    expect(runs).toBe(2);
  });

  it('runNow skips the quiet period and resolves after a run that saw the latest state', async () => {
    const t = fakeTimers();
    const seen: number[] = [];
    let state = 0;
    const runner = new SettledRunner(async () => void seen.push(state), 300, t.timers);
    state = 1;
    await runner.runNow();
    expect(seen).toEqual([1]);
    runner.notify();
    runner.dispose();
    t.fire();
    expect(seen).toEqual([1]);
  });
});

describe('prefillFromPrevious', () => {
  it('carries last year’s 四 into this year’s 二 and the in-force counts as baselines', () => {
    const prev: Report = {
      ...emptyReport({ year: 2023 }),
      values: {
        't3.carryOver.natural': 2,
        't3.carryOver.total': 2,
        't3.carryOver.legal': '二',
        't2.rules.inForce': 12,
      },
    };
    const p = prefillFromPrevious(FORMAT_2021, prev);
    expect(p.fromYear).toBe(2023);
    expect(p.values).toEqual({ 't3.carried.natural': 2, 't3.carried.total': 2, 't2.rules.inForce': 12 });
    // What it fills satisfies YEAR-CARRY against the same previous report.
    const report: Report = { ...emptyReport({ year: 2024 }), values: p.values };
    expect(validate(report, { previous: prev }).filter((f) => f.rule === 'YEAR-CARRY')).toEqual([]);
  });
});

describe('findings', () => {
  const f = (rule: string, severity: Finding['severity'], ids: string[], section?: Finding['section']): Finding => ({
    rule,
    severity,
    message: { zh: rule, en: rule },
    cells: ids.map((id) => ({ id, table: '三', row: '', column: '' })),
    ...(section ? { section } : {}),
  });

  it('groups and counts by severity, errors first', () => {
    const list = [f('A', 'warning', []), f('B', 'error', []), f('C', 'info', []), f('D', 'error', [])];
    expect(groupBySeverity(list).map((g) => [g.severity, g.findings.map((x) => x.rule)])).toEqual([
      ['error', ['B', 'D']],
      ['warning', ['A']],
      ['info', ['C']],
    ]);
    expect(countBySeverity(list)).toEqual({ error: 2, warning: 1, info: 1 });
  });

  it('points a finding at its cells on one sheet, and a prose finding at its text cell', () => {
    const a = slot('t3.total.natural');
    const b = slot('t3.total.total');
    const t = findingTarget(
      layout,
      f('T3-ROW-SUM', 'error', ['t3.total.total', 't3.total.natural', 't4.review.total']),
    )!;
    expect(t).toEqual({ sheet: a.sheet, addresses: [b.address, a.address] });
    expect(targetLabel(layout, t, 'zh')).toBe(`表三 ${b.address} ${a.address}`);
    const p = findingTarget(layout, f('TEXT-COUNT', 'warning', [], 'overview'))!;
    expect(p).toEqual({ sheet: slot(proseId('overview')).sheet, addresses: [slot(proseId('overview')).address] });
    expect(findingTarget(layout, f('FORMAT-SECTIONS', 'error', []))).toBeUndefined();
  });
});
