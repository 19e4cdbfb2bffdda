/**
 * The ways a row's figures that ran together can make its cells: a run of digits becomes one or more cells, no
 * number but 0 starting with 0, a decimal part or a unit staying with the last digits (`156805947.43元` → 15 |
 * 6805947.43元). Bounded: a row with more ways than MAX_SPLITS is not weighed (./runs leaves it to a person).
 */
import type { Reading, RowSpec } from './tables';

export const RUN = /^(\d+)((?:\.\d+)?(?:万?元|%|％)?)$/;

/** Whether a reading is short of cells and has a run of digits that may hold several. */
export function needsSplit(spec: RowSpec, r: Reading): boolean {
  if (r.texts.length >= spec.ids.length) return false;
  return r.texts.some((t, i) => r.glued[i] && t !== null && (RUN.exec(t)?.[1]?.length ?? 0) > 1);
}

/** How many splits are looked at, at most, for one row: beyond that the row is not decided. */
const MAX_SPLITS = 20_000;

/** The ways a run of digits makes k cells (parts without leading zeros; the tail stays with the last). */
function splitsOf(text: string, k: number, limit: { left: number }): string[][] {
  const m = RUN.exec(text);
  if (!m) return k === 1 ? [[text]] : [];
  const digits = m[1]!;
  const tail = m[2]!;
  const out: string[][] = [];
  const parts: string[] = [];
  const walk = (at: number, left: number) => {
    if (limit.left <= 0) return;
    if (left === 1) {
      const last = digits.slice(at);
      if (last.length > 1 && last[0] === '0') return;
      limit.left--;
      out.push([...parts, last + tail]);
      return;
    }
    // Leave at least one digit for each later cell.
    for (let end = at + 1; end <= digits.length - (left - 1); end++) {
      const part = digits.slice(at, end);
      if (part.length > 1 && part[0] === '0') break;
      parts.push(part);
      walk(end, left - 1);
      parts.pop();
    }
  };
  walk(0, k);
  return out;
}

/** Every split of a reading into n cells, or undefined when there are too many to weigh. */
export function candidateSplits(r: Reading, n: number): (string | null)[][] | undefined {
  const pieces = r.texts.map((t, i) => ({
    text: t,
    max: r.glued[i] && t !== null ? (RUN.exec(t)?.[1]?.length ?? 1) : 1,
  }));
  const out: (string | null)[][] = [];
  const limit = { left: MAX_SPLITS };
  const acc: (string | null)[] = [];
  const walk = (i: number, left: number) => {
    if (limit.left <= 0) return;
    if (i === pieces.length) {
      if (left === 0) out.push([...acc]);
      return;
    }
    const p = pieces[i]!;
    const restMin = pieces.length - i - 1;
    const restMax = pieces.slice(i + 1).reduce((s, q) => s + q.max, 0);
    for (let k = 1; k <= p.max; k++) {
      if (left - k < restMin) break;
      if (left - k > restMax) continue;
      const ways = p.text === null ? [[null]] : splitsOf(p.text, k, limit);
      for (const w of ways) {
        acc.push(...w);
        walk(i + 1, left - k);
        acc.length -= w.length;
      }
    }
  };
  walk(0, n);
  return limit.left <= 0 ? undefined : out;
}
