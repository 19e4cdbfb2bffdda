/**
 * Writes the add-in manifest. Without options: manifest.xml at the project root for the local stack
 * (https://localhost:3000). For a deployed stage:
 *
 *   npx tsx build/write-manifest.ts --base-url https://addin.example.gov.cn \
 *     --signin-domain https://nianbao-prod.auth.cn-northwest-1.amazoncognito.com \
 *     --id 6f1c…-… --version 1.2.0.0 --out cdk.out/manifest.prod.xml
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_BASE_URL } from '../contract/addin';
import { DEFAULT_ADDIN_ID, DEFAULT_ADDIN_VERSION, manifestXml, type ManifestOptions } from './manifest';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){3}$/;

export interface WriteManifestOptions extends ManifestOptions {
  /** The file to write. */
  readonly out: string;
}

/** Validates the inputs and writes the manifest; returns the XML. Called by the infra app for a stage. */
export function writeManifest(opts: WriteManifestOptions): string {
  if (opts.id && !GUID.test(opts.id)) throw new Error(`--id must be a GUID: ${opts.id}`);
  if (opts.version && !VERSION.test(opts.version))
    throw new Error(`--version must be four numbers a.b.c.d: ${opts.version}`);
  const xml = manifestXml(opts);
  writeFileSync(opts.out, xml);
  return xml;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string', default: LOCAL_BASE_URL },
      'signin-domain': { type: 'string', multiple: true },
      id: { type: 'string', default: DEFAULT_ADDIN_ID },
      version: { type: 'string', default: DEFAULT_ADDIN_VERSION },
      'name-suffix': { type: 'string' },
      out: { type: 'string', default: resolve(__dirname, '..', 'manifest.xml') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      '用法 / usage: tsx build/write-manifest.ts [--base-url URL] [--signin-domain URL]... [--id GUID] [--version a.b.c.d] [--name-suffix 中文|English] [--out FILE]\n',
    );
    return 0;
  }
  const [zh, en] = (values['name-suffix'] ?? '').split('|');
  writeManifest({
    baseUrl: values['base-url'],
    appDomains: values['signin-domain'] ?? [],
    id: values.id,
    version: values.version,
    ...(zh ? { nameSuffix: { zh, en: en ?? zh } } : {}),
    out: values.out,
  });
  process.stdout.write(`已写入 / wrote ${values.out}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`write-manifest: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
