/**
 * A Lambda handler bundled here exactly as infra deploys it: the esbuild options are made from the CDK's own
 * bundling settings (infra/constructs/handler-function.ts HANDLER_BUNDLING), the way aws-lambda-nodejs turns them
 * into esbuild's arguments. The cold-start bench times these bundles; test/infra/handlerInit.test.ts loads them.
 */
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { HANDLER_BUNDLING, HANDLERS_DIR } from './constructs/handler-function';
import { BUILDER_ENTRY } from './constructs/published-data';
import { ROUTES } from '../contract/routes';
import { PROJECT_ROOT } from './names';

export function handlerBuildOptions(entry: string, outfile: string): BuildOptions {
  const b = HANDLER_BUNDLING;
  // `--alias:<package>=<path>`, as aws-lambda-nodejs passes esbuildArgs' '--alias' to esbuild's command line.
  const [aliased, path] = b.esbuildArgs['--alias'].split('=') as [string, string];
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: b.target,
    format: b.format as BuildOptions['format'],
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    external: [...b.externalModules],
    tsconfig: b.tsconfig,
    alias: { [aliased]: path },
    logLevel: b.logLevel as BuildOptions['logLevel'],
    absWorkingDir: PROJECT_ROOT,
  };
}

/** Every function the stack deploys, by name: one per handler of the route table, and the publishing builder. */
export function handlerEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const h of new Set(ROUTES.map((r) => r.handler))) entries[h] = join(HANDLERS_DIR, `${h}.ts`);
  entries.publishedBuilder = BUILDER_ENTRY;
  return entries;
}

/** Bundles one entry to `<dir>/<name>/index.js` (+ .map); returns the file and esbuild's metafile. */
export async function bundleHandler(
  name: string,
  entry: string,
  dir: string,
): Promise<{ file: string; metafile: Metafile }> {
  const file = join(dir, name, 'index.js');
  const { metafile } = await build({ ...handlerBuildOptions(entry, file), metafile: true });
  return { file, metafile };
}
