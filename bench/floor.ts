/**
 * `npx tsx bench/floor.ts` — what a submission's DynamoDB calls cost on dynalite, one caller, beside a bare PutItem
 * (docs/performance.md, issue 16's c1 aim): dynalite on its own thread with LevelDB on disk, as the local stack runs
 * it, and the store's own functions and client in this process, as the handlers call them. Each call alone, then
 * whole sequences: the submission as it was (three reads, then the claim, then the version), as it is (the reads and
 * the claim at once, then the version), and the fewest calls a correct submission can make without transactions
 * (one BatchGetItem, the claim, the version). Interleaved in rounds; wall-clock medians, and the CPU the process
 * (both threads: the store's code and dynalite) spends per call, which a busy host disturbs less; each over the bare
 * put's. No HTTPS, token check, parsing or validation: the sequences are the DynamoDB part of a submission alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynalite } from '../dev/dynamo';
import { configureFunctions } from '../functions/env';
import { repositoryContext } from '../functions/review/consolidation';
import type { NewVersion, PackedVersion, VersionContent } from '../functions/store';
import { clientConfig } from '../functions/store/client';
import { validate } from '../report/rules';
import { seedReport } from './fixtures';
import { summarize } from './stats';
import { thisYear } from './submit';

const TABLE = 'floor';
const YEAR = 2023;
const ROUNDS = process.argv.includes('--quick') ? 10 : 30;
const PER_ROUND = 4;
/** The rate window the stack's bench uses (64 per second): only the latest versions' first page is read. */
const SINCE_NOW = () => Date.now();

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-floor-'));
  const dynamo = await startDynalite({ path: dir, thread: true });
  await ensureTable(dynamo.endpoint, TABLE);
  configureFunctions({ tableName: TABLE, endpoint: dynamo.endpoint, region: 'local' });
  const store = await import('../functions/store');
  const { db } = store.table();
  const report = thisYear(seedReport(), 1);
  const body = Buffer.from(JSON.stringify(report));
  const content: VersionContent = { report, findings: validate(report, {}) };
  const version = (agency: string, year: number, key: string): NewVersion => ({
    agency,
    agencyName: report.agency,
    year,
    format: report.format,
    publishOn: 'submission',
    submittedBy: { sub: `dev-${agency}`, agency, admin: false },
    source: { kind: 'json', contentType: 'application/json', bytes: body.length, sha256: store.sha256Hex(body) },
    counts: { error: 0, warning: 0, info: 0 },
    confirmedWarnings: [],
    idempotencyKey: key,
    contentSha256: store.sha256Hex(key),
  });
  // One registered agency with three versions last year and twenty this year.
  const agency = 'floor-a';
  await db.put({
    Item: { pk: store.keys.agency(agency), sk: store.keys.agencySort, agencyName: '测试局', level: '县', kind: '部门' },
  });
  for (let i = 0; i < 3; i++) await store.putVersion(version(agency, YEAR - 1, `last-${i}`), body, content);
  for (let i = 0; i < 20; i++) await store.putVersion(version(agency, YEAR, `this-${i}`), body, content);
  const packed: PackedVersion = await store.packVersion(version(agency, YEAR, 'x'), body, content);

  const client = new DynamoDBClient(clientConfig('local', dynamo.endpoint));
  let n = 0;
  const next = () => ++n;
  const filler = 'x'.repeat(1200);
  const barePut = () =>
    client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'BARE' }, sk: { S: `P#${next()}` }, data: { S: filler }, at: { S: new Date().toISOString() } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  // The item's shape alone: the bare put's item with a version's gzipped bytes; a version item without its index keys.
  const blob = Buffer.concat([packed.content.gz, packed.original.gz]);
  const shaped = (item: Record<string, unknown>) => () =>
    db.put({ Item: { ...item, pk: 'SHAPE', sk: `S#${next()}` }, ConditionExpression: 'attribute_not_exists(pk)' });
  const sample = (await db.get({ Key: { pk: store.keys.report(agency, YEAR), sk: store.keys.version(1) } })).Item!;
  const { ypk: _ypk, ysk: _ysk, ...unindexed } = sample;
  const reads = {
    lastYearNone: () => store.publishedVersion(agency, YEAR - 5),
    lastYear: async () => {
      const p = await store.publishedVersion(agency, YEAR - 1);
      if (p && p !== 'withdrawn') await store.versionContent(p.meta);
    },
    profile: () => repositoryContext(agency, YEAR),
    recent: () => store.recentVersions(agency, YEAR, 64, SINCE_NOW()),
    batchOfTwo: () =>
      db.batchGet([
        { pk: store.keys.agency(agency), sk: store.keys.agencySort },
        { pk: store.keys.report(agency, YEAR - 1), sk: 'PUBLISHED' },
      ]),
  };
  const claim = () => store.claimIdempotency(agency, YEAR, `claim-${next()}`, 'h');
  // Each sequence stores its versions in a report of its own, numbered 1, 2, 3 … as submissions would.
  const stored: Record<string, number> = {};
  const putVersion = (partition: string) => {
    const after = (stored[partition] = (stored[partition] ?? 0) + 1) - 1;
    return store.putVersion(version(partition, YEAR, `v-${next()}`), body, content, { after, packed });
  };
  const ops: Record<string, () => Promise<unknown>> = {
    'bare PutItem (1.2 KB, no index entry)': barePut,
    'last year: nothing published (query)': reads.lastYearNone,
    'last year: published, with its report': reads.lastYear,
    'registered profile (GetItem)': reads.profile,
    'latest versions (year index, first page)': reads.recent,
    'BatchGetItem of two items': reads.batchOfTwo,
    'claim (conditional PutItem)': claim,
    'version item (~9 KB, index entry)': () => putVersion('floor-version'),
    'the same item without its index entry': shaped(unindexed),
    'bare PutItem with ~8 KB of binary': shaped({ data: blob, at: new Date().toISOString() }),
    'as it was: 3 reads | claim | version': async () => {
      await Promise.all([reads.lastYearNone(), reads.profile(), reads.recent()]);
      await claim();
      await putVersion('floor-was');
    },
    'as it is: 3 reads + claim | version': async () => {
      await Promise.all([reads.lastYearNone(), reads.profile(), reads.recent(), claim()]);
      await putVersion('floor-is');
    },
    'fewest: batch of two | claim | version': async () => {
      await reads.batchOfTwo();
      await claim();
      await putVersion('floor-fewest');
    },
  };
  const names = Object.keys(ops);
  for (const name of names) for (let i = 0; i < 10; i++) await ops[name]!(); // warm-up
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]]));
  const cpuUs = Object.fromEntries(names.map((name) => [name, 0]));
  for (let r = 0; r < ROUNDS; r++)
    for (const name of r % 2 ? [...names].reverse() : names)
      for (let i = 0; i < PER_ROUND; i++) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        await ops[name]!();
        samples[name]!.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpuUs[name]! += used.user + used.system;
      }
  client.destroy();
  await dynamo.close();
  rmSync(dir, { recursive: true, force: true });

  const calls = ROUNDS * PER_ROUND;
  const bare = { wall: summarize(samples[names[0]!]!).median, cpu: cpuUs[names[0]!]! / calls / 1000 };
  const width = Math.max(...names.map((name) => name.length));
  process.stdout.write(
    `c1 on dynalite, ${ROUNDS} rounds × ${PER_ROUND}: wall median ms (× a bare PutItem) · ` +
      `CPU of the process, both threads, ms per call (× a bare PutItem's)\n`,
  );
  for (const name of names) {
    const wall = summarize(samples[name]!).median;
    const cpu = cpuUs[name]! / calls / 1000;
    const times = (x: number, of: number) => `×${(x / of).toFixed(2)}`;
    process.stdout.write(
      `${name.padEnd(width)}  ${wall.toFixed(2).padStart(6)} ${times(wall, bare.wall).padStart(6)}` +
        `  ${cpu.toFixed(2).padStart(6)} ${times(cpu, bare.cpu).padStart(6)}\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`floor: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
