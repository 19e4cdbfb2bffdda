/**
 * nianbao agencies import FILE.csv   — administrators: load the agency registry (docs/reviewer-guide.md)
 * nianbao agencies list (--office ID | --region ID | --top) [--all]   — the agencies an office reviews, or a region's
 */
import { readFileSync } from 'node:fs';
import type { AgencyRecord, ImportLineError } from '../../contract/registry';
import { MAX_BODY_BYTES } from '../../contract/limits';
import { API_HELP, API_OPTIONS, apiTarget, call, refusal, type Answer } from '../api';
import { stringOption } from '../args';
import { EXIT, type Lang, UsageError } from '../io';
import { runCommand } from '../run';

const HELP = `用法 / usage:
  nianbao agencies import FILE.csv [options]
      导入机关名录（管理员）：每行先校验，有错误则指明行号、不导入任何内容；重复导入同一文件不产生变化。
      Loads the agency registry (administrators): every row is checked first; a fault names its line and nothing
      is imported; importing the same file again changes nothing. Columns: docs/reviewer-guide.md.
  nianbao agencies list (--office ID | --region ID | --top) [--all] [options]
      列出某审核机关所审核的机关，或某政府所辖机关（--top：最上一级）。
      Lists the agencies an office reviews, or those belonging to a government (--top: the top level).

  --all          列出全部页（默认只列第一页）/ every page (default: the first)
${API_HELP}
退出码 / exit: 0 成功 ok · 1 名录有错误 the file has faulty rows · 2 无法执行 could not run`;

function readCsvFile(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError({
      zh: code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${code}`,
      en: code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path}: ${code}`,
    });
  }
  if (bytes.length > MAX_BODY_BYTES)
    throw new UsageError({
      zh: `文件超过 ${MAX_BODY_BYTES} 字节：请按省或市分批导入（先导入上级）`,
      en: `The file is over ${MAX_BODY_BYTES} bytes: import it in parts, by province or city, the upper levels first`,
    });
  return bytes;
}

/** CSV saved by Excel in China is often GB18030: sent with the charset it really has. */
function charsetOf(bytes: Buffer): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function failed(answer: Answer, lang: Lang): number {
  const lines = [
    `${lang === 'zh' ? '未成功' : 'Failed'} (${answer.status}${answer.json?.code ? ` ${answer.json.code}` : ''}): ${refusal(answer)[lang]}`,
  ];
  for (const e of (answer.json?.errors ?? []) as ImportLineError[])
    lines.push(
      `  ${lang === 'zh' ? `第 ${e.line} 行` : `line ${e.line}`}${e.column ? ` ${e.column}` : ''}: ${e.message[lang]}`,
    );
  process.stderr.write(lines.join('\n') + '\n');
  return answer.status === 422 ? EXIT.findings : EXIT.unusable;
}

async function importFile(values: Record<string, string | boolean | undefined>, file: string, lang: Lang) {
  const target = apiTarget(values);
  const bytes = readCsvFile(file);
  const answer = await call(target, 'POST', '/agencies', {
    body: bytes,
    headers: { 'content-type': `text/csv; charset=${charsetOf(bytes)}` },
  });
  if (values.json) process.stdout.write(JSON.stringify(answer.json ?? {}, null, 2) + '\n');
  if (answer.status !== 200)
    return values.json ? (answer.status === 422 ? EXIT.findings : EXIT.unusable) : failed(answer, lang);
  if (!values.json) {
    const a = answer.json as { rows: number; added: number; changed: number; unchanged: number; cascaded: number };
    process.stdout.write(
      lang === 'zh'
        ? `已导入 ${a.rows} 行：新增 ${a.added}，修改 ${a.changed}，未变 ${a.unchanged}；随之更新下级机关 ${a.cascaded} 个。\n`
        : `Imported ${a.rows} rows: ${a.added} added, ${a.changed} changed, ${a.unchanged} unchanged; ${a.cascaded} agencies below brought in line.\n`,
    );
  }
  return EXIT.ok;
}

async function list(values: Record<string, string | boolean | undefined>, lang: Lang) {
  const office = stringOption(values.office);
  const region = stringOption(values.region);
  if ([office, region, values.top].filter(Boolean).length !== 1)
    throw new UsageError({
      zh: '请给出 --office、--region 或 --top 之一',
      en: 'Give one of --office, --region or --top',
    });
  const target = apiTarget(values);
  const q = office ? `office=${encodeURIComponent(office)}` : `region=${encodeURIComponent(region ?? '')}`;
  const agencies: AgencyRecord[] = [];
  let cursor: string | undefined;
  do {
    const answer = await call(target, 'GET', `/agencies?${q}${cursor ? `&cursor=${cursor}` : ''}`);
    if (answer.status !== 200) return failed(answer, lang);
    agencies.push(...(answer.json.agencies as AgencyRecord[]));
    cursor = values.all ? answer.json.next : undefined;
  } while (cursor);
  if (values.json) process.stdout.write(JSON.stringify({ agencies }, null, 2) + '\n');
  else
    for (const a of agencies)
      process.stdout.write(`${a.agency}\t${a.name}\t${a.level}${a.kind}\t${[...a.path, a.agency].join('/')}\n`);
  return EXIT.ok;
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      ...API_OPTIONS,
      office: { type: 'string' },
      region: { type: 'string' },
      top: { type: 'boolean' },
      all: { type: 'boolean' },
    },
    async ({ values, positionals, lang }) => {
      const [sub, ...rest] = positionals;
      if (sub === 'import') {
        if (rest.length !== 1) throw new UsageError({ zh: '请指定一个 CSV 文件', en: 'Name one CSV file' });
        return importFile(values, rest[0]!, lang);
      }
      if (sub === 'list' && rest.length === 0) return list(values, lang);
      throw new UsageError({ zh: '子命令应为 import 或 list', en: 'The subcommand is import or list' });
    },
  );
}
