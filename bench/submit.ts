/**
 * POST /reports with 16 concurrent clients (autocannon, keep-alive connections) against the local stack over HTTPS
 * on loopback, and in the same run, against the same embedded dynalite, bare PutItem round trips with the functions'
 * own client settings (one caller, and 16 concurrent callers). Every submission is a new valid version with its own
 * Idempotency-Key and its own body, for one of 16 agencies whose previous year is on file (so the YEAR-* rules read
 * last year's published report, as in production). JSON bodies are the interchange form; the add-in sends the
 * workbook, measured separately with real .xlsx bytes. Afterwards every acknowledged submission must be stored.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { devKey, signDevToken } from '../functions/local/devAuth';
import { clientConfig } from '../functions/store/client';
import type { Report } from '../report/model/types';
import { writeWorkbook } from '../report/workbook/template';
import { seedReport } from './fixtures';
import { call, type BenchStack, type StackInfo } from './stack';
import { summarize, type Summary } from './stats';

export const CONCURRENCY = 16;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEAR = 2023;

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
  /** Bare PutItem with 16 concurrent callers. */
  readonly putC16: LoadResult;
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
function thisYear(seed: Report, n: number): Report {
  return { ...seed, year: YEAR, sections: { ...seed.sections, problems: `${seed.sections.problems ?? ''}（第${n}次修改）` } };
}

async function load(
  stack: BenchStack,
  seconds: number,
  contentType: string,
  bodyFor: (n: number) => Buffer,
  tokens: readonly string[],
  label: string,
): Promise<LoadResult> {
  let n = 0;
  const cpu0 = await stack.cpu();
  const result = await autocannon({
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
  });
  // Requests still in flight when the clock ran out finish before the next phase.
  await new Promise((r) => setTimeout(r, 1000));
  const requests = result['2xx'] + result.non2xx;
  return {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.mean,
    requests,
    sent: n,
    acknowledged: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuMs: ((await stack.cpu()) - cpu0) / Math.max(1, n),
  };
}

/** A client with the functions' own settings (functions/store/client.ts), pointed at the stack's dynalite. */
function dynamoClient(info: StackInfo): DynamoDBClient {
  return new DynamoDBClient(clientConfig('local', info.dynamoEndpoint));
}

async function barePuts(info: StackInfo, seconds: number): Promise<{ c1: Summary; c16: LoadResult }> {
  const client = dynamoClient(info);
  // About the size of a version item, written on the same condition (never overwrite).
  const filler = 'x'.repeat(1200);
  let seq = 0;
  const put = () =>
    client.send(
      new PutItemCommand({
        TableName: info.tableName,
        Item: { pk: { S: `BENCH#${process.pid}` }, sk: { S: `P#${++seq}` }, data: { S: filler }, at: { S: new Date().toISOString() } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  for (let i = 0; i < 100; i++) await put();
  const c1: number[] = [];
  const until1 = Date.now() + (seconds * 1000) / 2;
  while (Date.now() < until1) {
    const t = performance.now();
    await put();
    c1.push(performance.now() - t);
  }
  const c16: number[] = [];
  const started = performance.now();
  const until16 = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until16) {
        const t = performance.now();
        await put();
        c16.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  client.destroy();
  const s = summarize(c16);
  return {
    c1: summarize(c1),
    c16: { p50: s.median, p90: s.p90, p99: s.p99, max: s.max, rps: c16.length / elapsed, requests: c16.length, sent: c16.length, acknowledged: c16.length, non2xx: 0, errors: 0 },
  };
}

export async function benchSubmit(stack: BenchStack, dataDir: string, quick: boolean): Promise<SubmitResults> {
  const { info } = stack;
  const key = await devKey(dataDir);
  const agencies = Array.from({ length: CONCURRENCY }, (_, i) => `bench-agency-${i + 1}`);
  const tokens = await Promise.all(agencies.map((agency, i) => signDevToken(key, { agency, agencyName: `测试市第${i + 1}局` })));
  const seed = seedReport();
  for (const [i, token] of tokens.entries()) {
    const r = await call(info, 'POST', '/reports', { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `last-year-${i}`, 'x-confirm-warnings': 'all' }, Buffer.from(JSON.stringify(lastYear(seed))));
    if (r.status !== 201) throw new Error(`filing last year's report: ${r.status} ${r.text.slice(0, 300)}`);
  }
  const workbooks = await Promise.all(Array.from({ length: quick ? 4 : 16 }, async (_, i) => Buffer.from(await writeWorkbook({ report: thisYear(seed, 1000 + i) }))));
  const json = (n: number) => Buffer.from(JSON.stringify(thisYear(seed, n)));
  const seconds = quick ? 5 : 20;

  const warmup = await load(stack, quick ? 2 : 5, 'application/json', (n) => json(100_000 + n), tokens, 'warmup');
  const jsonRun = await load(stack, seconds, 'application/json', json, tokens, 'json');
  const puts = await barePuts(info, quick ? 3 : 10);
  const xlsxRun = await load(stack, quick ? 4 : seconds, XLSX, (n) => workbooks[n % workbooks.length]!, tokens, 'xlsx');

  // Every acknowledged submission is stored, once: this year's versions = the 201s of all three runs.
  let stored = 0;
  for (const [i, agency] of agencies.entries()) {
    const r = await call(info, 'GET', `/reports/${agency}/${YEAR}/versions`, { authorization: `Bearer ${tokens[i]}` });
    stored += (JSON.parse(r.text) as { versions: unknown[] }).versions.length;
  }
  const runs = [warmup, jsonRun, xlsxRun];
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  return { json: jsonRun, xlsx: xlsxRun, putC1: puts.c1, putC16: puts.c16, sent: sum((r) => r.sent), acknowledged: sum((r) => r.acknowledged), stored };
}
