/**
 * The scale bench (issue 16): two years of the same local stack are seeded, one with ~1,000 and one with ~10,000
 * agencies with published reports (bench/scaleSeed.ts: bulk, outside every timing), then, in rounds that take turns
 * between the two so both meet the same noise, one caller fetches the published objects of each: the year's
 * open-data manifest (JSON), a node's open-data page (CSV), a node's index page (HTML). A fetch must not grow with
 * the country: the 10k/1k ratio of the p50s is the aim.
 *
 * Then, one caller again, in rounds at the 10k year: a submission with the builder off (what a submission costs),
 * a submission with the builder on, timed until the builder has built its page and patched its node's files (what
 * a publication costs), and bare PutItem round trips against the same engine (the floor of a submission). The
 * stack's memory is read after each seeding and after the rounds.
 */
import { Agent, request } from 'node:https';
import { devKey, signDevToken } from '../dev/devAuth';
import type { Report } from '../report/model/types';
import { seedReport } from './fixtures';
import { agenciesOfLayout, type ScaleLayout, type SeedResult } from './scaleSeed';
import { type BenchStack } from './stack';
import { barePutter } from './submit';
import { summarize, type Summary } from './stats';

export const SCALES = {
  '1k': {
    year: 2024,
    prefix: 's1k',
    layout: { provinces: 1, citiesPerProvince: 4, countiesPerCity: 5, departmentsPerGovernment: 39 },
  },
  '10k': {
    year: 2025,
    prefix: 's10k',
    layout: { provinces: 4, citiesPerProvince: 5, countiesPerCity: 9, departmentsPerGovernment: 48 },
  },
} as const satisfies Record<string, { year: number; prefix: string; layout: ScaleLayout }>;
export type Scale = keyof typeof SCALES;

type Kind = 'json' | 'csv' | 'html';

export interface ScaleCase {
  readonly agencies: number;
  readonly seed: SeedResult;
  /** The stack process's RSS right after seeding this case (after a collection), MB. */
  readonly rssMb: number;
  readonly fetchMs: Record<Kind, Summary>;
  /** Bytes of the objects fetched (median per kind). */
  readonly bytes: Record<Kind, number>;
}

export interface ScaleResults {
  readonly cases: Record<Scale, ScaleCase>;
  /** Per round: the 10k p50 over the 1k p50 of open-data fetches (JSON and CSV pooled). */
  readonly openDataRatios: readonly number[];
  readonly submitMs: Summary;
  readonly publishMs: Summary;
  readonly putMs: Summary;
  /** Per round: submission p50 over bare put p50; publication p50 over submission p50. */
  readonly submitOverPut: readonly number[];
  readonly publishOverSubmit: readonly number[];
  readonly rssAfterMb: number;
}

/** One keep-alive connection to the stack, trusting its development CA. */
function client(stack: BenchStack) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: stack.info.ca });
  const send = (method: string, url: string, headers: Record<string, string> = {}, body?: Buffer) =>
    new Promise<{ status: number; bytes: number; ms: number; text: string }>((resolve, reject) => {
      const t = performance.now();
      const req = request(
        url,
        { method, agent, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const all = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              bytes: all.length,
              ms: performance.now() - t,
              text: all.toString('utf8'),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/** The governments of a layout (the nodes of its tree), as bench/scaleSeed.ts names them. */
function nodesOf(prefix: string, l: ScaleLayout): string[] {
  const out: string[] = [];
  for (let p = 1; p <= l.provinces; p++) {
    out.push(`${prefix}-p${p}`);
    for (let c = 1; c <= l.citiesPerProvince; c++) {
      out.push(`${prefix}-p${p}-c${c}`);
      for (let k = 1; k <= l.countiesPerCity; k++) out.push(`${prefix}-p${p}-c${c}-k${k}`);
    }
  }
  return out;
}

const pick = <T>(xs: readonly T[], n: number): T => xs[(n * 7919) % xs.length]!;

export async function benchScale(stack: BenchStack, dataDir: string, quick: boolean): Promise<ScaleResults> {
  const seed = seedReport();
  const cases = {} as Record<Scale, Omit<ScaleCase, 'fetchMs' | 'bytes'>>;
  for (const [scale, s] of Object.entries(SCALES) as [Scale, (typeof SCALES)[Scale]][]) {
    const seeded = await stack.ask<SeedResult>('seed', { year: s.year, prefix: s.prefix, layout: s.layout });
    if (seeded.agencies !== agenciesOfLayout(s.layout)) throw new Error(`${scale}: seeded ${seeded.agencies}`);
    cases[scale] = { agencies: seeded.agencies, seed: seeded, rssMb: (await stack.ask<number>('rss')) / 2 ** 20 };
  }

  const http = client(stack);
  const base = stack.info.url;
  const samples = Object.fromEntries(
    Object.keys(SCALES).map((s) => [s, { json: [], csv: [], html: [] } as Record<Kind, number[]>]),
  ) as Record<Scale, Record<Kind, number[]>>;
  const sizes = Object.fromEntries(
    Object.keys(SCALES).map((s) => [s, { json: [], csv: [], html: [] } as Record<Kind, number[]>]),
  ) as Record<Scale, Record<Kind, number[]>>;
  const fetchOnce = async (scale: Scale, kind: Kind, n: number) => {
    const { year, prefix, layout } = SCALES[scale];
    const node = pick(nodesOf(prefix, layout), n);
    const path =
      kind === 'json'
        ? `/open-data/${year}/index.json`
        : kind === 'csv'
          ? `/open-data/${year}/csv/${node}.1.csv`
          : `/published/${year}/n/${node}/1.html`;
    const r = await http.send('GET', base + path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
    samples[scale][kind].push(r.ms);
    sizes[scale][kind].push(r.bytes);
  };
  const rounds = quick ? 6 : 16;
  const perRound = quick ? 10 : 25;
  const openDataRatios: number[] = [];
  for (const scale of Object.keys(SCALES) as Scale[]) for (let i = 0; i < 5; i++) await fetchOnce(scale, 'csv', i); // warm-up
  for (let r = 0; r < rounds; r++) {
    const order = (r % 2 ? ['10k', '1k'] : ['1k', '10k']) as Scale[];
    const p50 = {} as Record<Scale, number>;
    for (const scale of order) {
      const round: number[] = [];
      for (let i = 0; i < perRound; i++) {
        for (const kind of ['json', 'csv', 'html'] as const) {
          await fetchOnce(scale, kind, r * perRound + i);
          if (kind !== 'html') round.push(samples[scale][kind][samples[scale][kind].length - 1]!);
        }
      }
      p50[scale] = summarize(round).median;
    }
    openDataRatios.push(p50['10k'] / p50['1k']);
  }

  // Submissions, publications and bare puts at the 10k year, one caller.
  const { year, prefix } = SCALES['10k'];
  const key = await devKey(dataDir);
  const departments = cases['10k'].seed.departments;
  const tokens = await Promise.all(departments.map((d) => signDevToken(key, { agency: d.agency, agencyName: d.name })));
  let n = 0;
  const submit = async () => {
    const i = n++ % departments.length;
    const report: Report = {
      ...seed,
      year,
      agency: departments[i]!.name,
      sections: { ...seed.sections, problems: `${seed.sections.problems ?? ''}（第${n}次修改）` },
    };
    const r = await http.send(
      'POST',
      `${stack.info.apiBase}/reports`,
      {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[i]}`,
        'idempotency-key': `scale-${prefix}-${process.pid}-${n}`,
        'x-confirm-warnings': 'all',
      },
      Buffer.from(JSON.stringify(report)),
    );
    if (r.status !== 201) throw new Error(`submission: ${r.status} ${r.text.slice(0, 300)}`);
    return r.ms;
  };
  const putter = barePutter(stack.info);
  for (let i = 0; i < 50; i++) await putter.put();
  for (let i = 0; i < 5; i++) await submit(); // warm-up, builder on
  await stack.ask('settled');
  const submitS: number[] = [];
  const publishS: number[] = [];
  const putS: number[] = [];
  const submitOverPut: number[] = [];
  const publishOverSubmit: number[] = [];
  const each = quick ? 5 : 10;
  for (let r = 0; r < rounds; r++) {
    const [sub, pub, put]: [number[], number[], number[]] = [[], [], []];
    await stack.ask('builder', false);
    for (let i = 0; i < each; i++) sub.push(await submit());
    await stack.ask('builder', true);
    for (let i = 0; i < each; i++) {
      const t = performance.now();
      await submit();
      await stack.ask('settled');
      pub.push(performance.now() - t);
    }
    for (let i = 0; i < each * 2; i++) {
      const t = performance.now();
      await putter.put();
      put.push(performance.now() - t);
    }
    submitS.push(...sub);
    publishS.push(...pub);
    putS.push(...put);
    submitOverPut.push(summarize(sub).median / summarize(put).median);
    publishOverSubmit.push(summarize(pub).median / summarize(sub).median);
  }
  putter.close();
  http.close();
  const median = (xs: readonly number[]) => summarize(xs).median;
  const done = {} as Record<Scale, ScaleCase>;
  for (const scale of Object.keys(SCALES) as Scale[]) {
    done[scale] = {
      ...cases[scale],
      fetchMs: {
        json: summarize(samples[scale].json),
        csv: summarize(samples[scale].csv),
        html: summarize(samples[scale].html),
      },
      bytes: { json: median(sizes[scale].json), csv: median(sizes[scale].csv), html: median(sizes[scale].html) },
    };
  }
  return {
    cases: done,
    openDataRatios,
    submitMs: summarize(submitS),
    publishMs: summarize(publishS),
    putMs: summarize(putS),
    submitOverPut,
    publishOverSubmit,
    rssAfterMb: (await stack.ask<number>('rss')) / 2 ** 20,
  };
}
