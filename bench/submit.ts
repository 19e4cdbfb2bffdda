/**
 * POST /reports with 16 concurrent clients (autocannon, keep-alive connections) against the local stack over HTTPS
 * on loopback, and in the same run, against the same embedded dynalite, bare PutItem round trips with the functions'
 * own client settings (one caller, and 16 concurrent callers), in rounds that alternate with the submissions. Every submission is a new valid version with its own
 * Idempotency-Key and its own body, for one of 16 agencies whose previous year is on file (so the YEAR-* rules read
 * last year's published report, as in production). JSON bodies are the interchange form; the add-in sends the
 * workbook, measured separately with real .xlsx bytes. Afterwards every acknowledged submission must be stored.
 */
import { VERSION_PAGE } from '../contract/answers';
import { MEDIA } from '../contract/media';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { devKey, signDevToken } from '../dev/devAuth';
import { clientConfig } from '../functions/store/client';
import type { Report } from '../report/model/types';
import { writeWorkbook } from '../report/workbook/template';
import { seedReport } from './fixtures';
import { call, type BenchStack, type StackInfo } from './stack';
import { summarize, type Summary } from './stats';

export const CONCURRENCY = 16;
export const YEAR = 2023;

export interface LoadResult {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly rps: number;
  /** Answered requests; `sent` includes those still in flight when the run ended. */
  readonly requests: number;
  readonly sent: number;
  readonly acknowledged: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Server CPU (all its threads) per request, ms. */
  readonly serverCpuMs?: number;
}

export interface SubmitResults {
  readonly json: LoadResult;
  readonly xlsx: LoadResult;
  /** Bare PutItem, one caller after another (ms). */
  readonly putC1: Summary;
  /** Bare PutItem with 16 concurrent callers (all rounds). */
  readonly putC16: LoadResult;
  /** Per round: submission p50 over bare PutItem p50, both at c16, measured one right after the other. */
  readonly ratios: readonly number[];
  /** Submissions sent and answered 201 (all runs), and this year's versions found stored afterwards. */
  readonly sent: number;
  readonly acknowledged: number;
  readonly stored: number;
}

function lastYear(seed: Report): Report {
  return {
    ...seed,
    year: YEAR - 1,
    sections: {
      overview: `${YEAR - 1}年，本机关依法做好政府信息公开工作，主动公开政府信息，依申请公开工作规范有序。`,
      problems: '政策解读的形式还比较单一，下一步将丰富解读形式。',
      other: '本年度未收取信息处理费。',
    },
  };
}

/** This year's report, its problems section numbered so that every submission is a different version. */
export function thisYear(seed: Report, n: number): Report {
  return {
    ...seed,
    year: YEAR,
    sections: { ...seed.sections, problems: `${seed.sections.problems ?? ''}（第${n}次修改）` },
  };
}

async function load(
  stack: BenchStack,
  seconds: number,
  contentType: string,
  bodyFor: (n: number) => Buffer,
  tokens: readonly string[],
  label: string,
): Promise<LoadResult & { readonly samples: number[] }> {
  let n = 0;
  const samples: number[] = [];
  const cpu0 = await stack.cpu();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${stack.info.apiBase}/reports`,
        connections: CONCURRENCY,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              n++;
              return {
                ...req,
                body: bodyFor(n),
                headers: {
                  'content-type': contentType,
                  authorization: `Bearer ${tokens[n % tokens.length]}`,
                  'idempotency-key': `bench-${label}-${process.pid}-${n}`,
                  'x-confirm-warnings': 'all',
                },
              };
            },
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  });
  // Requests still in flight when the clock ran out finish before the next phase.
  await new Promise((r) => setTimeout(r, 600));
  const requests = result['2xx'] + result.non2xx;
  const s = summarize(samples);
  return {
    p50: s.median,
    p90: s.p90,
    p99: s.p99,
    max: s.max,
    rps: result.requests.mean,
    requests,
    sent: n,
    acknowledged: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuMs: ((await stack.cpu()) - cpu0) / Math.max(1, n),
    samples,
  };
}

/** A client with the functions' own settings (functions/store/client.ts), pointed at the stack's dynalite. */
function dynamoClient(info: Pick<StackInfo, 'dynamoEndpoint'>): DynamoDBClient {
  return new DynamoDBClient(clientConfig('local', info.dynamoEndpoint));
}

/** Bare PutItem round trips: about the size of a version item, written on the same condition (never overwrite). */
let putters = 0;

export function barePutter(info: Pick<StackInfo, 'tableName' | 'dynamoEndpoint'>) {
  const client = dynamoClient(info);
  const filler = 'x'.repeat(1200);
  // Each putter its own partition: its numbering starts again at 1.
  const pk = `BENCH#${process.pid}#${++putters}`;
  let seq = 0;
  const put = () =>
    client.send(
      new PutItemCommand({
        TableName: info.tableName,
        Item: { pk: { S: pk }, sk: { S: `P#${++seq}` }, data: { S: filler }, at: { S: new Date().toISOString() } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  /** Latencies of `callers` concurrent callers putting one after another for `seconds`. */
  const run = async (callers: number, seconds: number): Promise<number[]> => {
    const samples: number[] = [];
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (Date.now() < until) {
          const t = performance.now();
          await put();
          samples.push(performance.now() - t);
        }
      }),
    );
    return samples;
  };
  return { put, run, close: () => client.destroy() };
}

/** Pooled latencies of several runs as one LoadResult (rates and CPU weighted by requests). */
function pooled(runs: readonly (LoadResult & { readonly samples: readonly number[] })[]): LoadResult {
  const s = summarize(runs.flatMap((r) => r.samples));
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    p50: s.median,
    p90: s.p90,
    p99: s.p99,
    max: s.max,
    rps: sum((r) => r.rps) / runs.length,
    requests: sum((r) => r.requests),
    sent: sum((r) => r.sent),
    acknowledged: sum((r) => r.acknowledged),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    serverCpuMs:
      sum((r) => (r.serverCpuMs ?? 0) * r.sent) /
      Math.max(
        1,
        sum((r) => r.sent),
      ),
  };
}

/** Each token's agency files last year's report (so that the YEAR-* rules of this year's read it). */
export async function fileLastYear(info: StackInfo, tokens: readonly string[], seed: Report): Promise<void> {
  for (const [i, token] of tokens.entries()) {
    const r = await call(
      info,
      'POST',
      '/reports',
      {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `last-year-${i}`,
        'x-confirm-warnings': 'all',
      },
      Buffer.from(JSON.stringify(lastYear(seed))),
    );
    if (r.status !== 201) throw new Error(`filing last year's report: ${r.status} ${r.text.slice(0, 300)}`);
  }
}

export async function benchSubmit(stack: BenchStack, dataDir: string, quick: boolean): Promise<SubmitResults> {
  const { info } = stack;
  const key = await devKey(dataDir);
  const agencies = Array.from({ length: CONCURRENCY }, (_, i) => `bench-agency-${i + 1}`);
  const tokens = await Promise.all(
    agencies.map((agency, i) => signDevToken(key, { agency, agencyName: `测试市第${i + 1}局` })),
  );
  const seed = seedReport();
  await fileLastYear(info, tokens, seed);
  const workbooks = await Promise.all(
    Array.from({ length: quick ? 4 : 16 }, async (_, i) =>
      Buffer.from(await writeWorkbook({ report: thisYear(seed, 1000 + i) })),
    ),
  );
  const json = (n: number) => Buffer.from(JSON.stringify(thisYear(seed, n)));
  const seconds = quick ? 5 : 20;

  const warmup = await load(stack, quick ? 2 : 5, 'application/json', (n) => json(100_000 + n), tokens, 'warmup');
  const putter = barePutter(info);
  for (let i = 0; i < 100; i++) await putter.put();
  const putC1 = summarize(await putter.run(1, quick ? 0.5 : 5));
  // Submissions and bare puts take turns, round after round: the host's speed drifts by tens of per cent within a
  // minute, so each round's ratio compares the two under the same conditions, and the median ratio is reported.
  const rounds = quick ? 4 : 8;
  const jsonRuns: (LoadResult & { samples: number[] })[] = [];
  const putSamples: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const run = await load(stack, quick ? 1.5 : 3, 'application/json', json, tokens, `json${r}`);
    const puts = await putter.run(CONCURRENCY, quick ? 0.75 : 1.5);
    jsonRuns.push(run);
    putSamples.push(...puts);
    ratios.push(run.p50 / summarize(puts).median);
  }
  putter.close();
  const jsonRun = pooled(jsonRuns);
  const p = summarize(putSamples);
  const putC16: LoadResult = {
    p50: p.median,
    p90: p.p90,
    p99: p.p99,
    max: p.max,
    rps: NaN,
    requests: p.n,
    sent: p.n,
    acknowledged: p.n,
    non2xx: 0,
    errors: 0,
  };
  // Warmed up like the JSON run: the workbook reader is loaded (and compiled) on the first workbook, once per
  // process — a cold start's cost (bench/coldstart.ts), not a submission's.
  const xlsxBody = (n: number) => workbooks[n % workbooks.length]!;
  const xlsxWarmup = await load(stack, quick ? 2 : 5, MEDIA.xlsx, xlsxBody, tokens, 'xlsx-warmup');
  const xlsxRun = await load(stack, quick ? 2 : seconds, MEDIA.xlsx, xlsxBody, tokens, 'xlsx');

  // Every acknowledged submission is stored, once: this year's versions = the 201s of all the runs. The list pages
  // (VERSION_PAGE): every page is read.
  let stored = 0;
  for (const [i, agency] of agencies.entries()) {
    let cursor = '';
    for (;;) {
      const r = await call(info, 'GET', `/reports/${agency}/${YEAR}/versions?limit=${VERSION_PAGE.max}${cursor}`, {
        authorization: `Bearer ${tokens[i]}`,
      });
      const page = JSON.parse(r.text) as { versions: unknown[]; next?: string };
      stored += page.versions.length;
      if (!page.next) break;
      cursor = `&cursor=${encodeURIComponent(page.next)}`;
    }
  }
  const runs = [warmup, jsonRun, xlsxWarmup, xlsxRun];
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    json: jsonRun,
    xlsx: xlsxRun,
    putC1,
    putC16,
    ratios,
    sent: sum((r) => r.sent),
    acknowledged: sum((r) => r.acknowledged),
    stored,
  };
}
