/**
 * The running count of what reading one workbook has cost: bytes inflated, XML elements tokenized, time spent working
 * (the slices in which this read held the thread, each no more than the CPU used in it; its pauses are other work's
 * time).
 * Each count is checked as it grows, so a breach stops the reading at once with its own error. Long reads yield
 * to the event loop now and then, so a server keeps answering other clients while one upload is read.
 */
import { MAX_INFLATED_BYTES, MAX_READ_MS, MAX_XML_ELEMENTS, WorkbookError } from './errors';

/** How long reading runs before it lets other work in (a template is read well within one slice). */
const SLICE_MS = 20;

export interface Limits {
  readonly inflatedBytes: number;
  readonly elements: number;
  readonly ms: number;
}

export const DEFAULT_LIMITS: Limits = {
  inflatedBytes: MAX_INFLATED_BYTES,
  elements: MAX_XML_ELEMENTS,
  ms: MAX_READ_MS,
};

/** A monotonic clock in the browser and in Node alike. */
const now = (): number => performance.now();

/** The CPU time this process has used, ms — in Node only (the browser has no such clock). */
const cpuNow: (() => number) | undefined =
  typeof process !== 'undefined' && typeof process.cpuUsage === 'function'
    ? () => {
        const { user, system } = process.cpuUsage();
        return (user + system) / 1000;
      }
    : undefined;

/**
 * Where a slice started, on both clocks. A slice costs its wall time, but in Node never more than the CPU the process
 * used meanwhile: on a busy host a read that waits for a core is not charged for the wait (honest workbooks were
 * refused at load 15), and the CPU of the process's other threads cannot exceed the wall time it is capped by.
 */
interface Stamp {
  readonly wall: number;
  readonly cpu: number;
}
const stamp = (): Stamp => ({ wall: now(), cpu: cpuNow ? cpuNow() : Number.POSITIVE_INFINITY });
const sinceStamp = (s: Stamp): number => {
  const wall = now() - s.wall;
  return cpuNow ? Math.min(wall, cpuNow() - s.cpu) : wall;
};

export class Budget {
  inflated = 0;
  elements = 0;
  /** Time this read held the thread in the slices before the current one (its pauses, when others ran, not counted). */
  private spentMs = 0;
  private sliceStart = stamp();

  constructor(readonly limits: Limits = DEFAULT_LIMITS) {}

  /** Counts bytes as they come out of the inflater. */
  addInflated(n: number): void {
    this.inflated += n;
    if (this.inflated > this.limits.inflatedBytes) throw new WorkbookError('E-WORKBOOK-UNZIPPED-TOO-LARGE');
  }

  /** Counts one XML element; looks at the clock every 1,024. */
  addElement(): void {
    if (++this.elements > this.limits.elements) throw new WorkbookError('E-WORKBOOK-TOO-MANY-CELLS');
    if ((this.elements & 1023) === 0) this.checkTime();
  }

  /** The time this read has spent working so far, ms. */
  get elapsedMs(): number {
    return this.spentMs + sinceStamp(this.sliceStart);
  }

  checkTime(): void {
    if (this.elapsedMs > this.limits.ms) throw new WorkbookError('E-WORKBOOK-TIMEOUT');
  }

  /**
   * Lets the event loop run when this read has held it for a slice; checks the time budget. The time spent waiting
   * is not this read's: with many uploads read side by side, each is held to its own work, not to the others'.
   */
  async pause(): Promise<void> {
    this.checkTime();
    // A slice ends by the wall clock: other clients wait on the wall clock, whatever the CPU did meanwhile.
    if (now() - this.sliceStart.wall < SLICE_MS) return;
    this.spentMs += sinceStamp(this.sliceStart);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.sliceStart = stamp();
  }
}
