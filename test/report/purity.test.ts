import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('report/ is the pure domain core', () => {
  it('imports neither Office.js, React nor AWS code, nor Node built-ins', () => {
    const bad =
      /from ['"](@aws-sdk|@aws-lambda-powertools|aws-cdk-lib|constructs|office-addin|@microsoft\/office-js|react|@fluentui|node:|fs['"]|path['"]|crypto['"]|zlib['"])/;
    const offenders = files(join(ROOT, 'report')).filter((f) => bad.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the modules the task pane takes (format, model, rules, workbook layout, cells → report) pull in no exceljs, importers, workbook reader or renderer', async () => {
    const result = await build({
      stdin: {
        contents: [
          "export * from './report/format';",
          "export * from './report/model';",
          "export * from './report/rules';",
          "export * from './report/workbook/layout';",
          "export * from './report/workbook/fromCells';",
          "export * from './report/workbook/dates';",
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(
      inputs.filter((i) =>
        /node_modules|report\/(import|render|input|schema)\/|workbook\/(template|read|zip|xml|sheet|parts)/.test(i),
      ),
    ).toEqual([]);
    expect(inputs.some((i) => i.includes('report/rules/engine.ts'))).toBe(true);
  });
});
