/** nianbao rebuild-published [--year Y]: the local stack's published pages and open data, rebuilt from its table. */
import { MAX_YEAR, MIN_YEAR } from '../../contract/limits';
import { localPaths, localPort } from '../../dev/paths';
import { rebuildLocal } from '../../dev/rebuild';
import { stringOption } from '../args';
import { EXIT, UsageError } from '../io';
import { runCommand } from '../run';

const HELP = `用法 / usage: nianbao rebuild-published [--year Y]

  按本地数据库重建公开页面、目录与开放数据（本地服务须先停止）；不指定年度则重建所有年度。
  Rebuilds the local stack's published pages, index and open data from its database (stop npm start first);
  every year unless --year is given. Environment: DATA_DIR (default .data/), PORT (the links' port, default 3000).
  部署环境用 / on AWS: npm run admin -- rebuild-published --stage <阶段>`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(argv, HELP, { year: { type: 'string' } }, async ({ values, lang }) => {
    const yearText = stringOption(values.year);
    const year = yearText === undefined ? undefined : Number(yearText);
    if (year !== undefined && !(Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR))
      throw new UsageError({ zh: `--year 应为年度：${yearText}`, en: `--year must be a year: ${yearText}` });
    const { dataDir } = localPaths();
    const results = await rebuildLocal({
      dataDir,
      siteUrl: `https://localhost:${localPort()}`,
      ...(year !== undefined ? { year } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    for (const r of results)
      process.stdout.write(
        lang === 'zh'
          ? `${r.year} 年度：已公开 ${r.published}/${r.reports} 份，${r.nodes} 个目录节点，删除过期文件 ${r.removed} 个（${(r.ms / 1000).toFixed(1)} 秒）\n`
          : `${r.year}: ${r.published}/${r.reports} published, ${r.nodes} index nodes, ${r.removed} stale files removed (${(r.ms / 1000).toFixed(1)} s)\n`,
      );
    if (!results.length) process.stdout.write(lang === 'zh' ? '没有任何年度的报告。\n' : 'No reports in any year.\n');
    return EXIT.ok;
  });
}
