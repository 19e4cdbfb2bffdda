/** The reader's time budget counts its own work: the time it yields to others is not held against it. */
import { Budget, DEFAULT_LIMITS } from '../../../report/workbook/budget';
import { MAX_READ_MS, WorkbookError } from '../../../report/workbook/errors';

/** Keeps the thread busy until it has used `ms` of CPU (on a busy host that takes longer by the wall clock). */
function busy(ms: number): void {
  const started = process.cpuUsage();
  const used = () => {
    const { user, system } = process.cpuUsage(started);
    return (user + system) / 1000;
  };
  while (used() < ms);
}

const limits = { ...DEFAULT_LIMITS, ms: 100 };

test('work of others done while a read pauses does not count against the read', async () => {
  const budget = new Budget({ ...DEFAULT_LIMITS, ms: 1000 });
  const started = performance.now();
  for (let slice = 0; slice < 4; slice++) {
    busy(25); // this read's own work: a slice long enough to yield
    setTimeout(() => busy(150), 0); // another upload's work, run while this read pauses
    await budget.pause();
  }
  // About 700 ms went by (4 × 25 ms own, 4 × 150 ms others'); the read is charged with its own ~100 ms. (busy()
  // counts the process's CPU, GC threads included, so a slice may end a little before its milliseconds of wall time.)
  expect(performance.now() - started).toBeGreaterThanOrEqual(600);
  expect(budget.elapsedMs).toBeGreaterThanOrEqual(75);
  expect(budget.elapsedMs).toBeLessThan(400);
});

test('a read that waits for a core is not charged for the wait (Node: a slice costs no more than its CPU)', async () => {
  const budget = new Budget({ ...DEFAULT_LIMITS, ms: 1000 });
  busy(20); // own work
  // The thread holds its slice without running (as when a busy host gives the process no core): wall time, no CPU.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  expect(budget.elapsedMs).toBeGreaterThanOrEqual(15);
  expect(budget.elapsedMs).toBeLessThan(150);
  await budget.pause();
  expect(budget.elapsedMs).toBeLessThan(150);
});

test('a read that works past its budget is stopped', async () => {
  const budget = new Budget(limits);
  busy(30);
  await budget.pause();
  busy(90);
  expect(() => budget.checkTime()).toThrow(expect.objectContaining({ code: 'E-WORKBOOK-TIMEOUT' }));
});

test('a read within its budget goes on, however long the others take', async () => {
  // Its own 50 ms against a 300 ms budget (6×: a loaded CI host charges a slice up to its process's CPU, GC threads
  // included — 2× once failed there), the others' 600 ms beyond it.
  const budget = new Budget({ ...DEFAULT_LIMITS, ms: 300 });
  busy(25);
  setTimeout(() => busy(600), 0);
  await budget.pause();
  busy(25);
  expect(() => budget.checkTime()).not.toThrow();
});

test('the time-out is told in one sentence: the budget, that reading stopped, and what to do', () => {
  const { zh, en } = new WorkbookError('E-WORKBOOK-TIMEOUT').bilingual;
  expect(zh.match(/[。！？]/g)).toEqual(['。']);
  expect(zh.endsWith('。')).toBe(true);
  expect(zh).toContain(`${MAX_READ_MS / 1000} 秒`);
  expect(zh).toMatch(/已停止读取.*模板/);
  expect(en.match(/[.!?](\s|$)/g)).toEqual(['.']);
  expect(en).toContain(`${MAX_READ_MS / 1000} s`);
  expect(en).toMatch(/stopped.*template/);
});
