/**
 * `npm run deadline` — the deadline day at 1/100 scale against the local stack (docs/capacity.md): 1,000 agencies
 * registered as provinces → cities → counties with their departments (governments publish on submission); the
 * agencies that will submit first file last year's report (not counted: the submissions read it); then the peak
 * hour's share of them (10 % of the agencies, a tenth of those a second time) submit their workbook (.xlsx, as the
 * add-in and the web page send it), 8 at a time, with the publishing builder on. Every DynamoDB request the stack's
 * process makes (handlers and builder alike) is counted through a middleware on the store's own client: each write
 * by partition — the table's key and the byYear index's key — with its write units (1 KB each, rounded up), each
 * read by the kind of partition it reads with the read units DynamoDB would charge (the emulator's count, 4 KB of
 * the items read per request rounded up, half for an eventually consistent read; at least the minimum DynamoDB
 * charges a read that finds nothing, which the emulator does not). The script prints, per kind of partition, the
 * writes and reads per submission and the busiest single partition's share: the figures the capacity page
 * multiplies up to the national peak.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:https';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { devKey, signDevToken } from '../dev/devAuth';
import { startLocalStack } from '../dev/server';
import { importRegistry, table } from '../functions/store';
import { INLINE } from '../functions/store/table';
import { writeWorkbook } from '../report/workbook/template';
import { seedReport } from './fixtures';
import { MEDIA } from '../contract/media';
import { SCALES } from './scale';
import { registryCsv, rowsOf } from './scaleSeed';

const YEAR = 2025;
const SUBMISSIONS = 100;
const PARALLEL = 8;

type Item = Record<string, AttributeValue>;
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand']);
interface ReadInput {
  readonly Key?: Item;
  readonly ExpressionAttributeValues?: Item;
  readonly ConsistentRead?: boolean;
  readonly RequestItems?: Record<string, { readonly Keys?: Item[]; readonly ConsistentRead?: boolean }>;
}
interface ReadOutput {
  readonly ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
  readonly Responses?: Record<string, unknown[]>;
}
/** A partition's kind: its key with the ids taken out. */
const kindOf = (pk: string) =>
  pk.startsWith('REPORT#')
    ? 'REPORT#<agency>#<year>'
    : pk.startsWith('PUBLIC#')
      ? `PUBLIC#<year>#<${pk.endsWith('#_') ? 'top' : 'node'}>`
      : pk.startsWith('YEAR#')
        ? 'byYear YEAR#<year>#<shard>'
        : pk.replace(/#.*/, '#…');

const INLINED = new Set<string>(Object.values(INLINE));
/** A value's size as DynamoDB counts it (names, UTF-8 strings, raw binary; numbers about one byte per two digits). */
function valueBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^[-+]?0*|\.|e.*$/gi, '').replace(/0+$/, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + valueBytes(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + valueBytes(x), 0);
  if (v.SS) return v.SS.reduce((n, x) => n + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((n, x) => n + valueBytes({ N: x }), 0);
  if (v.BS) return v.BS.reduce((n, x) => n + x.byteLength, 0);
  return 0;
}
const size = (item: Item) => Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueBytes(v), 0);

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-deadline-'));
  const stack = await startLocalStack({
    port: 0,
    dataDir: join(dir, 'data'),
    certDir: join(dir, 'certs'),
    addinDir: join(dir, 'addin'),
    buildAddin: false,
    handlerLogLevel: 'SILENT',
  });
  try {
    const { layout, prefix } = { ...SCALES['1k'], prefix: 'd' };
    const rows = rowsOf(prefix, layout);
    const imported = await importRegistry(registryCsv(rows));
    if (!imported.ok) throw new Error('registry import failed');

    const writes = new Map<string, { writes: number; units: number }>();
    const units = (item: Item | undefined) => (item ? Math.max(1, Math.ceil(size(item) / 1024)) : 1);
    const count = (pk: string, item: Item | undefined) => {
      const add = (key: string, u: number) => {
        const w = writes.get(key) ?? { writes: 0, units: 0 };
        w.writes++;
        w.units += u;
        writes.set(key, w);
      };
      add(pk, units(item));
      // The index holds what it projects: never the inline report and upload (functions/store/table.ts INLINE).
      const ypk = item?.ypk?.S;
      if (ypk) add(ypk, units(Object.fromEntries(Object.entries(item!).filter(([a]) => !INLINED.has(a)))));
    };
    // Reads by the kinds of partition they read (a batch of profiles reads one kind, a mixed batch several).
    const reads = new Map<string, { reads: number; units: number }>();
    const readKind = (input: ReadInput): string | undefined => {
      if (input.Key) return kindOf(input.Key.pk!.S!);
      const pk = input.ExpressionAttributeValues?.[':pk']?.S;
      if (pk) return kindOf(pk);
      const keys = Object.values(input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []);
      return keys.length ? [...new Set(keys.map((k) => kindOf(k.pk!.S!)))].sort().join(' + ') : undefined;
    };
    const readUnits = (input: ReadInput, output: ReadOutput): number => {
      const counted = [output.ConsumedCapacity ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      const batch = Object.values(input.RequestItems ?? {})[0];
      const least = (batch ?? input).ConsistentRead ? 1 : 0.5;
      if (!batch) return Math.max(counted, least);
      const found = Object.values(output.Responses ?? {}).flat().length;
      return counted + ((batch.Keys?.length ?? 0) - found) * least;
    };
    table().client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as ReadInput & {
          Item?: Item;
          UpdateExpression?: string;
          RequestItems?: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
        };
        const read = READS.has(context.commandName ?? '');
        if (read) (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        if (read) {
          const kind = readKind(input);
          if (kind) {
            const r = reads.get(kind) ?? { reads: 0, units: 0 };
            r.reads++;
            r.units += readUnits(input, out.output as ReadOutput);
            reads.set(kind, r);
          }
          return out;
        }
        if (input.Item) count(input.Item.pk!.S!, input.Item);
        else if (input.Key && input.UpdateExpression) count(input.Key.pk!.S!, undefined);
        for (const reqs of Object.values(input.RequestItems ?? {}))
          for (const r of reqs as { PutRequest?: { Item: Item } }[])
            if (r.PutRequest) count(r.PutRequest.Item.pk!.S!, r.PutRequest.Item);
        return out;
      },
      { step: 'initialize', name: 'countRequests' },
    );

    const key = await devKey(join(dir, 'data'));
    const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL, ca: stack.certs.ca });
    const seed = seedReport();
    const submitters = rows.filter((_, i) => i % 11 === 0).slice(0, SUBMISSIONS);
    const plan = Array.from({ length: SUBMISSIONS }, (_, i) => submitters[i % Math.ceil(SUBMISSIONS * 0.9)]!);
    const agencies = [...new Set(plan)];
    /** Each agency's workbook of a year (its registered name, the seed's figures), written once. */
    const workbooks = async (year: number) =>
      new Map(
        await Promise.all(
          agencies.map(
            async (a) => [a, Buffer.from(await writeWorkbook({ report: { ...seed, year, agency: a.name } }))] as const,
          ),
        ),
      );
    const submitAll = async (list: typeof plan, files: Map<(typeof plan)[number], Buffer>, tag: string) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          while (next < list.length) {
            const n = next++;
            const a = list[n]!;
            const token = await signDevToken(key, { agency: a.agency, agencyName: a.name });
            const body = files.get(a)!;
            const status = await new Promise<number>((resolve, reject) => {
              const req = request(
                `${stack.apiBase}/reports`,
                {
                  method: 'POST',
                  agent,
                  headers: {
                    'content-type': MEDIA.xlsx,
                    'content-length': String(body.length),
                    authorization: `Bearer ${token}`,
                    'idempotency-key': `deadline-${tag}-${n}`,
                    'x-confirm-warnings': 'all',
                  },
                },
                (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)),
              );
              req.on('error', reject);
              req.end(body);
            });
            if (status !== 201) throw new Error(`submission ${tag} ${n}: ${status}`);
          }
        }),
      );
      await stack.publishing.settled();
    };
    // Last year's reports, which every submission reads: filed first and not counted.
    await submitAll(agencies, await workbooks(YEAR - 1), 'last-year');
    writes.clear();
    reads.clear();
    const thisYear = await workbooks(YEAR);
    const started = Date.now();
    await submitAll(plan, thisYear, 'peak');
    const seconds = (Date.now() - started) / 1000;
    agent.destroy();

    const kinds = new Map<string, { writes: number; units: number; partitions: number; top: number; topKey: string }>();
    for (const [pk, w] of writes) {
      const k = kindOf(pk);
      const s = kinds.get(k) ?? { writes: 0, units: 0, partitions: 0, top: 0, topKey: '' };
      s.writes += w.writes;
      s.units += w.units;
      s.partitions++;
      if (w.units > s.top) [s.top, s.topKey] = [w.units, pk];
      kinds.set(k, s);
    }
    const lines = [
      `deadline simulation: ${rows.length} agencies, ${SUBMISSIONS} submissions (${new Set(plan).size} agencies), ${PARALLEL} at a time, ${seconds.toFixed(1)} s, builder on`,
      'partition kind                    writes/sub  WCU/sub  partitions  busiest partition: WCU/sub (key)',
    ];
    for (const [k, s] of [...kinds].sort((a, b) => b[1].units - a[1].units))
      lines.push(
        `${k.padEnd(32)}  ${(s.writes / SUBMISSIONS).toFixed(2).padStart(10)}  ${(s.units / SUBMISSIONS).toFixed(2).padStart(7)}  ${String(s.partitions).padStart(10)}  ${(s.top / SUBMISSIONS).toFixed(3)} (${s.topKey})`,
      );
    lines.push('', 'reads of                                         reads/sub  RCU/sub');
    let rcu = 0;
    for (const [k, r] of [...reads].sort((x, y) => y[1].units - x[1].units)) {
      rcu += r.units;
      lines.push(
        `${k.padEnd(46)}  ${(r.reads / SUBMISSIONS).toFixed(2).padStart(9)}  ${(r.units / SUBMISSIONS).toFixed(2).padStart(7)}`,
      );
    }
    lines.push(`${'all reads'.padEnd(46)}  ${' '.repeat(9)}  ${(rcu / SUBMISSIONS).toFixed(2).padStart(7)}`);
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`deadline: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
