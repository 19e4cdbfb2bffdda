/**
 * The local stack in a child process for the benchmarks: the same startLocalStack that `nianbao serve` runs (HTTPS
 * on loopback, the adapter, the handlers, dynalite on disk in a temporary folder). It also tells the parent where
 * its embedded DynamoDB listens, so that bare PutItem round trips can be timed against the very same engine, and
 * answers 'cpu' with its CPU time and { calls } with the timing of a submission's DynamoDB calls (bench/calls.ts).
 * Not a user-facing command.
 */
import { join } from 'node:path';
import type { CallsRequest } from './calls';
import type { SeedRequest } from './scaleSeed';
import { stackDataDir } from './stack';

async function main(): Promise<void> {
  const [dir, addinDir] = process.argv.slice(2);
  if (!dir || !addinDir || !process.send)
    throw new Error('usage: forked with a temporary folder and the add-in folder');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { startLocalStack } = await import('../dev/server');
  const stack = await startLocalStack({
    port: 0,
    dataDir: stackDataDir(dir),
    certDir: join(dir, 'certs'),
    addinDir,
    buildAddin: false,
    handlerLogLevel: 'SILENT',
    // The benchmark submits each agency's report far faster than people can: it measures cost, not the rate limit.
    submissionRate: { versions: 64, windowSeconds: 1 },
  });
  process.send({
    url: stack.url,
    apiBase: stack.apiBase,
    ca: stack.certs.ca.toString('utf8'),
    dynamoEndpoint: stack.dynamoEndpoint,
    tableName: stack.tableName,
  });
  // Requests of the scale bench, answered by id: seeding, the builder on or off, waiting for it, memory.
  const ops: Record<string, (arg: unknown) => Promise<unknown>> = {
    seed: async (arg) => {
      const [{ seedScale }, { seedReport }] = await Promise.all([import('./scaleSeed'), import('./fixtures')]);
      stack.publishing.setEnabled(false);
      try {
        return await seedScale(arg as SeedRequest, seedReport());
      } finally {
        stack.publishing.setEnabled(true);
      }
    },
    builder: async (on) => stack.publishing.setEnabled(on === true),
    settled: () => stack.publishing.settled(),
    rss: async () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage().rss;
    },
  };
  process.on('message', (m: unknown) => {
    if (typeof m === 'object' && m !== null && 'op' in m) {
      const { id, op, arg } = m as { id: number; op: string; arg?: unknown };
      void (ops[op] ?? (() => Promise.reject(new Error(`no op ${op}`))))(arg).then(
        (value) => process.send?.({ id, value }),
        (e: unknown) => process.send?.({ id, error: String((e as Error).stack ?? e) }),
      );
      return;
    }
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (typeof m === 'object' && m !== null && 'calls' in m) {
      void import('./calls')
        .then(({ measureCalls }) => measureCalls((m as { calls: CallsRequest }).calls))
        .then(
          (calls) => process.send?.({ calls }),
          (e: unknown) => process.send?.({ error: String((e as Error).stack ?? e) }),
        );
    }
    if (m === 'stop')
      void stack.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench stack: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
