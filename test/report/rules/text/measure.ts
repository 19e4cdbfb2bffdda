/**
 * How long the TEXT rules take on the seed's prose (target: well under 200 µs). Not a test: run it with
 *   npx tsx test/report/rules/text/measure.ts
 * Times are CPU time (process.cpuUsage) as well as wall time: the machine may be shared.
 * "cold" reads the prose afresh every time (a new report object: what the server and the task pane do when
 * they build a report per validation); "warm" reuses the cached reading.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { emptyReport, type Report } from '../../../../report/model';
import { TEXT_RULES } from '../../../../report/rules/text';
import type { RuleContext } from '../../../../report/rules/types';
import { FORMAT_2021 } from '../../../../report/format';

const SEED = readFileSync(join(__dirname, '../../../fixtures/examples/yiyang-hrss-2021.txt'), 'utf8');
const cut = (from: string, to?: string) =>
  SEED.slice(SEED.indexOf(from) + from.length, to ? SEED.indexOf(to) : undefined).trim();
const sections = {
  overview: cut('一、总体情况', '二、主动公开政府信息情况'),
  problems: cut('五、存在的主要问题及改进情况', '六、其他需要报告的事项'),
  other: cut('六、其他需要报告的事项'),
};

const values: Report['values'] = {};
for (const c of FORMAT_2021.cells) if (c.table === '三') values[c.id] = 0;
values['t3.new.total'] = 1;

/** A new report object each time (the reading is cached per report), sharing the values. */
function report(): Report {
  return { ...emptyReport({ year: 2021 }), sections: { ...sections }, values };
}

function context(r: Report): RuleContext {
  return {
    report: r,
    format: FORMAT_2021,
    value: (id) => r.values[id] ?? null,
    num: (id) => {
      const v = r.values[id];
      return typeof v === 'number' ? v : undefined;
    },
  };
}

/** CPU µs per report: the best of several rounds (the machine is shared; the best round is the least disturbed). */
function time(label: string, make: () => RuleContext, runs: number, rounds = 7): void {
  let best = Infinity;
  let bestWall = Infinity;
  let findings = 0;
  for (let r = 0; r < rounds; r++) {
    findings = 0;
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const ctx = make();
      for (const rule of TEXT_RULES) findings += rule.check(ctx).length;
    }
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, (cpu.user + cpu.system) / runs);
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - t0) / 1000 / runs);
  }
  console.log(
    `${label}: ${best.toFixed(1)} µs CPU, ${bestWall.toFixed(1)} µs wall per report (${findings / runs} findings; best of ${rounds} × ${runs})`,
  );
}

/** A plain loop over the same characters, to tell a slow machine from slow rules. */
function baseline(): void {
  const text = sections.overview + sections.problems + sections.other;
  let x = 0;
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage();
    for (let k = 0; k < 2000; k++) for (let i = 0; i < text.length; i++) x += text.charCodeAt(i);
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, (cpu.user + cpu.system) / 2000);
  }
  console.log(`baseline (one charCodeAt loop over the prose): ${best.toFixed(1)} µs CPU${x ? '' : ''}`);
}

baseline();
const chars = sections.overview.length + sections.problems.length + sections.other.length;
console.log(`seed prose: ${chars} characters`);
time('warm-up', () => context(report()), 1000, 2);
time('cold (prose read afresh)', () => context(report()), 2000);
const shared = context(report());
time('warm (reading cached)', () => shared, 2000);
