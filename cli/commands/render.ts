/** nianbao render FILE -o FILE.html */
import { renderReportHtml } from '../../report/render';
import { intOption, stringOption } from '../args';
import { EXIT, UsageError, writeOutput } from '../io';
import { loadReportFile } from '../load';
import { runCommand } from '../run';
import { oneFile } from '../wrongFile';

const HELP = `用法 / usage: nianbao render FILE.(xlsx|json|txt|html) -o FILE.html [--year Y] [--agency 名称]

  生成按官方版式排版的公开页面。/ Writes the published page in the official layout.`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      output: { type: 'string', short: 'o' },
      year: { type: 'string' },
      agency: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      const [file] = positionals;
      const out = stringOption(values.output);
      if (!file || positionals.length > 1)
        throw oneFile(positionals, { zh: '要生成公开页面的', en: 'to render' }, 'render');
      if (!out)
        throw new UsageError({
          zh: '请用 -o 指定要写出的 .html 文件，例如 -o 年报.html',
          en: 'Name the .html file to write with -o, e.g. -o report.html',
        });
      const year = intOption(values.year, '--year');
      const agency = stringOption(values.agency);
      const { report } = await loadReportFile(file, { ...(year ? { year } : {}), ...(agency ? { agency } : {}) });
      await writeOutput(out, renderReportHtml(report));
      process.stderr.write(lang === 'zh' ? `已生成：${out}\n` : `Wrote ${out}\n`);
      return EXIT.ok;
    },
  );
}
