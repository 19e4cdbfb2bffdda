/**
 * Runs a task after changes settle: notify() on every change restarts a quiet-period timer; the task never runs
 * twice at once, and changes that arrive while it runs cause exactly one more run afterwards. So a paste of a
 * whole block or hundreds of quick edits cost one read, not hundreds.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class SettledRunner {
  private timer: unknown = undefined;
  private running: Promise<void> | undefined;
  /** A change arrived while the task ran: run again once it is done. */
  private dirty = false;
  private disposed = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly task: () => Promise<void>,
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** A change happened: run the task once things have been quiet for delayMs. */
  notify(): void {
    if (this.disposed) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.restartTimer();
  }

  /** Runs now (skipping the quiet period); resolves when a run that started after this call has finished. */
  runNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.running) this.dirty = true;
    else this.start();
    return done;
  }

  /** True while a run is under way or waiting for its quiet period. */
  get busy(): boolean {
    return this.running !== undefined || this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.release();
  }

  private restartTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.delayMs);
  }

  private start(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    const waiting = this.waiters;
    this.waiters = [];
    this.running = this.task()
      .catch((e) => this.onError(e))
      .finally(() => {
        this.running = undefined;
        for (const w of waiting) w();
        if (this.disposed) return;
        if (this.waiters.length > 0) this.start();
        else if (this.dirty) this.restartTimer();
      });
  }

  private release(): void {
    for (const w of this.waiters) w();
    this.waiters = [];
  }
}
