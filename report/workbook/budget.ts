/**
 * The running count of what reading one workbook has cost: bytes inflated, XML elements tokenized, time taken.
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

export class Budget {
  inflated = 0;
  elements = 0;
  private readonly started = Date.now();
  private sliceStart = this.started;

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

  checkTime(): void {
    if (Date.now() - this.started > this.limits.ms) throw new WorkbookError('E-WORKBOOK-TIMEOUT');
  }

  /** Lets the event loop run when this read has held it for a slice; checks the time budget. */
  async pause(): Promise<void> {
    this.checkTime();
    if (Date.now() - this.sliceStart < SLICE_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.sliceStart = Date.now();
    this.checkTime();
  }
}
