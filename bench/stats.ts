/**
 * Small statistics for noisy machines: quantiles, a spread (p10–p90), and timing helpers that warm up first and
 * sample many times. Times are wall clock (performance.now) unless a helper says CPU.
 */

export interface Summary {
  readonly n: number;
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** The q-quantile (0…1) of sorted samples, by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0] ?? NaN,
    p10: quantile(s, 0.1),
    median: quantile(s, 0.5),
    p90: quantile(s, 0.9),
    p99: quantile(s, 0.99),
    max: s[s.length - 1] ?? NaN,
  };
}

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** "median (p10–p90)" for the table. */
export function spread(s: Summary, digits = 1): string {
  return `${round(s.median, digits)} (${round(s.p10, digits)}–${round(s.p90, digits)})`;
}

export interface TimingOptions {
  /** Calls before sampling (JIT, caches). */
  readonly warmup: number;
  /** Samples taken. */
  readonly samples: number;
  /** Calls per sample: a sample is their mean (for calls far shorter than the timer's resolution). */
  readonly batch?: number;
}

/** Wall time per call in milliseconds, one sample per batch of calls. */
export function timeSync(fn: () => unknown, opts: TimingOptions): number[] {
  const batch = opts.batch ?? 1;
  for (let i = 0; i < opts.warmup; i++) fn();
  const out: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    out.push((performance.now() - t) / batch);
  }
  return out;
}

/** CPU time of this process per call in milliseconds (user + system), one sample per batch: less disturbed by
 *  other processes than wall time, but it counts every thread of the process (GC helpers too). */
export function cpuTimeSync(fn: () => unknown, opts: TimingOptions): number[] {
  const batch = opts.batch ?? 1;
  for (let i = 0; i < opts.warmup; i++) fn();
  const out: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const c = process.cpuUsage();
    for (let i = 0; i < batch; i++) fn();
    const d = process.cpuUsage(c);
    out.push((d.user + d.system) / 1000 / batch);
  }
  return out;
}

export async function timeAsync(fn: () => Promise<unknown>, opts: TimingOptions): Promise<number[]> {
  for (let i = 0; i < opts.warmup; i++) await fn();
  const out: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
