/**
 * Where a submission's time goes: its DynamoDB calls (functions/submission/submit.ts) run on their own with 16
 * concurrent callers, beside a bare PutItem, in the same run — the reads (last year's published report with its
 * content, and the latest versions from the year index), the Idempotency-Key's claim, and the version put with its
 * bytes compressed as the handler compresses them. They run inside the stack's process (bench/stackChild.ts), through
 * the store's own functions, right after the submission benchmark: the code is as warm as the handlers' and each call
 * is charged what it costs that process — the SDK and store code on the handlers' thread, dynalite on its own,
 * LevelDB's pool — as a submission's calls are.
 *
 * On a machine where the engine, the server and the load generator share the cores, latency at c16 follows CPU per
 * request, so the calls' CPU over one bare put's bounds how close a submission can come to a bare put.
 */
import { randomUUID } from 'node:crypto';
import { devKey, signDevToken } from '../dev/devAuth';
import type { Report } from '../report/model/types';
import { seedReport } from './fixtures';
import type { BenchStack } from './stack';
import { CONCURRENCY, YEAR, barePutter, fileLastYear, thisYear } from './submit';

export type CallName = 'put' | 'read' | 'claim' | 'version';

export interface CallCost {
  /** CPU per call of the whole stack process (all its threads), µs. */
  readonly cpuUs: number;
  readonly calls: number;
}

export interface CallsResults {
  readonly costs: Readonly<Record<CallName, CallCost>>;
  /** (read + claim + version) CPU over one bare put's CPU. */
  readonly threeCallsOverPut: number;
}

/** What the benchmark asks of the stack process: the agencies (last year on file) to make the calls for. */
export interface CallsRequest {
  readonly agencies: readonly string[];
  readonly quick: boolean;
}

/** In the benchmark: files last year's report for 16 agencies of its own, then has the stack measure. */
export async function benchCalls(stack: BenchStack, dataDir: string, quick: boolean): Promise<CallsResults> {
  const key = await devKey(dataDir);
  const agencies = Array.from({ length: CONCURRENCY }, (_, i) => `bench-calls-${i + 1}`);
  const tokens = await Promise.all(
    agencies.map((agency, i) => signDevToken(key, { agency, agencyName: `测试市第${i + 1}办` })),
  );
  await fileLastYear(stack.info, tokens, seedReport());
  return stack.measureCalls({ agencies, quick });
}

interface Tally {
  cpuUs: number;
  calls: number;
}

const cpuNowUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Waits until this process is idle (under 5 % of a core over 100 ms): no earlier request's work is counted. */
async function quiet(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const before = cpuNowUs();
    await new Promise((r) => setTimeout(r, 100));
    if (cpuNowUs() - before < 5000) return;
  }
}

/** Runs `op` with CONCURRENCY callers for `seconds`, adding the process's CPU and the calls made to `tally`. */
async function measure(seconds: number, op: (caller: number) => Promise<boolean>, tally?: Tally): Promise<void> {
  await quiet();
  const cpu0 = cpuNowUs();
  let calls = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, caller) => {
      while (Date.now() < until && (await op(caller))) calls++;
    }),
  );
  if (!tally) return;
  tally.cpuUs += cpuNowUs() - cpu0;
  tally.calls += calls;
}

/** In the stack's process (the functions configured by the local stack): measures the calls. */
export async function measureCalls(req: CallsRequest): Promise<CallsResults> {
  const store = await import('../functions/store');
  const { validate } = await import('../report/rules');
  const { agencies, quick } = req;
  const previous = (await store.versionContent((await store.latestVersion(agencies[0]!, YEAR - 1))!)).report;
  const report: Report = thisYear(seedReport(), 1);
  const body = Buffer.from(JSON.stringify(report));
  const findings = validate(report, { previous });
  const run = randomUUID().slice(0, 8);
  let seq = 0;
  const { readEnv, submissionRate } = await import('../functions/env');
  const env = readEnv();
  const rate = submissionRate();
  const putter = barePutter({ tableName: env.tableName, dynamoEndpoint: env.endpoint! });
  const claimed: { agency: string; key: string }[][] = agencies.map(() => []);
  // Each agency's highest version this year (read consistently), which its next version put follows.
  const stored = await Promise.all(agencies.map(async (a) => (await store.latestVersion(a, YEAR))?.version ?? 0));
  const ops: Record<CallName, (caller: number) => Promise<boolean>> = {
    put: async () => (await putter.put(), true),
    // What a submission reads: last year's published report with its content, as judge() reads it, and the latest
    // versions from the year index (the number to follow, what the rate limit counts).
    read: async (c) => {
      const [p] = await Promise.all([
        store.publishedVersion(agencies[c]!, YEAR - 1),
        store.recentVersions(agencies[c]!, YEAR, rate.versions, Date.now() - rate.windowSeconds * 1000),
      ]);
      if (p && p !== 'withdrawn') await store.versionContent(p.meta);
      return true;
    },
    // The Idempotency-Key claims, whose versions the version puts then store.
    claim: async (c) => {
      const key = `bench-calls-${run}-${++seq}`;
      const out = await store.claimIdempotency(agencies[c]!, YEAR, key, store.sha256Hex(key));
      if (out.outcome !== 'claimed') throw new Error(`claim: ${out.outcome}`);
      claimed[c]!.push({ agency: agencies[c]!, key });
      return true;
    },
    // The version put, after the highest version of its agency (only this caller stores versions of that agency).
    version: async (c) => {
      const next = claimed[c]!.shift();
      if (!next) return false;
      const after = stored[c]!;
      stored[c] = after + 1;
      await store.putVersion(
        {
          agency: next.agency,
          agencyName: report.agency,
          year: YEAR,
          format: report.format,
          submittedBy: { sub: `dev-${next.agency}`, agency: next.agency, admin: false },
          source: { kind: 'json', contentType: 'application/json', bytes: body.length, sha256: store.sha256Hex(body) },
          counts: {
            error: 0,
            warning: findings.filter((f) => f.severity === 'warning').length,
            info: findings.filter((f) => f.severity === 'info').length,
          },
          confirmedWarnings: [],
          idempotencyKey: next.key,
        },
        body,
        { report, findings },
        { after },
      );
      return true;
    },
  };
  const names = Object.keys(ops) as CallName[];
  const tallies = Object.fromEntries(names.map((n) => [n, { cpuUs: 0, calls: 0 } as Tally])) as Record<CallName, Tally>;
  // A short warm-up of the bare put's own code (the store's is warm from the submissions).
  await measure(0.3, ops.put);
  // In rounds, each call in turn, so that the host's drift touches all of them alike.
  const rounds = quick ? 2 : 5;
  for (let r = 0; r < rounds; r++) for (const name of names) await measure(quick ? 0.4 : 1, ops[name], tallies[name]);
  putter.close();

  const costs = Object.fromEntries(
    names.map((n) => [n, { cpuUs: tallies[n].cpuUs / Math.max(1, tallies[n].calls), calls: tallies[n].calls }]),
  ) as Record<CallName, CallCost>;
  return { costs, threeCallsOverPut: (costs.read.cpuUs + costs.claim.cpuUs + costs.version.cpuUs) / costs.put.cpuUs };
}
