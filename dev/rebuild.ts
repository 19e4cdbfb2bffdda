/**
 * Rebuilding the local stack's published pages and open data from its table, with the stack stopped (the data
 * folder's database is opened here; a running stack holds it): `nianbao rebuild-published`. A running stack
 * rebuilds in its own process (LocalStack.publishing.rebuild, as the benchmark does).
 */
import { join } from 'node:path';
import { configureFunctions } from '../functions/env';
import { configureObjectStore } from '../functions/published/objects';
import { rebuildAll, rebuildYear, type RebuildResult } from '../functions/published/rebuild';
import { ensureTable, startDynalite } from './dynamo';
import { fsObjectStore } from './objectStore';
import { publishedDir } from './publishing';
import { LOCAL_TABLE } from './server';

export async function rebuildLocal(opts: {
  readonly dataDir: string;
  /** The origin the files link to (the stack's https://localhost:PORT). */
  readonly siteUrl: string;
  readonly year?: number;
  readonly log?: (line: string) => void;
  /** The stack's table (default the one `npm start` uses). */
  readonly tableName?: string;
}): Promise<RebuildResult[]> {
  const tableName = opts.tableName ?? LOCAL_TABLE;
  const dynamo = await startDynalite({ path: join(opts.dataDir, 'dynamodb') });
  try {
    await ensureTable(dynamo.endpoint, tableName);
    configureFunctions({
      tableName,
      endpoint: dynamo.endpoint,
      region: 'local',
      publicBaseUrl: opts.siteUrl,
    });
    configureObjectStore(fsObjectStore(publishedDir(opts.dataDir)));
    const log = opts.log ? { log: opts.log } : {};
    return opts.year === undefined ? await rebuildAll(log) : [await rebuildYear(opts.year, log)];
  } finally {
    configureObjectStore(undefined);
    await dynamo.close();
  }
}
