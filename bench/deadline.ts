/**
 * `npm run deadline` — the deadline day at 1/100 scale against the local stack (docs/capacity.md): 1,000 agencies
 * registered as provinces → cities → counties with their departments (governments publish on submission), then the
 * peak hour's share of them (10 % of the agencies, a tenth of those a second time) submit, 8 at a time, with the
 * publishing builder on. Every DynamoDB write the stack's process makes (handlers and builder alike) is counted by
 * partition — the table's key and the byYear index's key — through a middleware on the store's own client, with its
 * write units (1 KB each, rounded up). The script prints, per kind of partition, the writes per submission and the
 * busiest single partition's share: the figures the capacity page multiplies up to the national peak.
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
import { seedReport } from './fixtures';
import { SCALES } from './scale';
import { registryCsv, rowsOf } from './scaleSeed';

const YEAR = 2025;
const SUBMISSIONS = 100;
const PARALLEL = 8;

type Item = Record<string, AttributeValue>;
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
const size = (item: Item) => Buffer.byteLength(JSON.stringify(item));

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
    table().client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as {
          Item?: Item;
          Key?: Item;
          RequestItems?: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
        };
        const out = await next(args);
        if (input.Item) count(input.Item.pk!.S!, input.Item);
        else if (input.Key && 'UpdateExpression' in input) count(input.Key.pk!.S!, undefined);
        for (const reqs of Object.values(input.RequestItems ?? {}))
          for (const r of reqs) if (r.PutRequest) count(r.PutRequest.Item.pk!.S!, r.PutRequest.Item);
        return out;
      },
      { step: 'initialize', name: 'countWrites' },
    );

    const key = await devKey(join(dir, 'data'));
    const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL, ca: stack.certs.ca });
    const seed = seedReport();
    const submitters = rows.filter((_, i) => i % 11 === 0).slice(0, SUBMISSIONS);
    const plan = Array.from({ length: SUBMISSIONS }, (_, i) => submitters[i % Math.ceil(SUBMISSIONS * 0.9)]!);
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < plan.length) {
          const n = next++;
          const a = plan[n]!;
          const token = await signDevToken(key, { agency: a.agency, agencyName: a.name });
          const body = Buffer.from(
            JSON.stringify({
              ...seed,
              year: YEAR,
              agency: a.name,
              sections: { ...seed.sections, problems: `第${n}次` },
            }),
          );
          const status = await new Promise<number>((resolve, reject) => {
            const req = request(
              `${stack.apiBase}/reports`,
              {
                method: 'POST',
                agent,
                headers: {
                  'content-type': 'application/json',
                  'content-length': String(body.length),
                  authorization: `Bearer ${token}`,
                  'idempotency-key': `deadline-${n}`,
                  'x-confirm-warnings': 'all',
                },
              },
              (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)),
            );
            req.on('error', reject);
            req.end(body);
          });
          if (status !== 201) throw new Error(`submission ${n}: ${status}`);
        }
      }),
    );
    await stack.publishing.settled();
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
