/**
 * One table of the wrong inputs a person hands the CLI or the API, each with the exit code (CLI) or status and code
 * (API) it must get and what the message must name — what was wrong and what to do, in Chinese and in English, with
 * the CLI's own option names. CLI cases run the real `nianbao` in a child process; API cases are HTTPS requests to a
 * local stack (the handlers and dynalite of `npm start`), which the CLI's submit cases reach too.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BODY_BYTES } from '../../contract/limits';
import { signDevToken } from '../../dev/devAuth';
import { acceptedReport, freePort, pool } from '../reliability/helpers';
import { startHostileStack, type HostileStack } from '../reliability/stack';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'nianbao.cjs');
/** The example report's published text: it has no title line, so no year. */
const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'examples', 'yiyang-hrss-2021.txt'));

/** `{API}`, `{CA}`, `{TOKEN}` and `{DOWN}` in an argument stand for the stack's API, its CA file, a token, a dead port. */
interface CliCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly exit: number;
  readonly zh: RegExp;
  readonly en: RegExp;
}

interface ApiCase {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
  readonly status: number;
  readonly code: RegExp;
  readonly zh: RegExp;
  readonly en: RegExp;
}

/** name, arguments, exit code, what the Chinese and the English must say. */
// prettier-ignore
const CLI: readonly CliCase[] = ([
  ['no file', ['validate'], 2, /请指定一个要校验的文件.*npx nianbao validate/, /Name one file to validate/],
  ['two files (a name with a space, unquoted)', ['validate', 'my', 'report.json'], 2, /一次只能指定一个.*收到 2 个.*加引号/, /one file to validate at a time; got 2.*quote/],
  ['an empty .txt', ['validate', 'empty.txt'], 2, /empty\.txt 是空文件（0 字节）.*npx nianbao template/, /empty\.txt is empty \(0 bytes\)/],
  ['an empty .json', ['validate', 'empty.json'], 2, /空文件/, /is empty/],
  ['broken JSON', ['validate', 'broken.json'], 2, /JSON 格式错误：第 3 行第 1 列.*应为/, /Malformed JSON at line 3, column 1/],
  ['JSON that is no report', ['validate', 'array.json'], 2, /JSON 不符合年报数据格式/, /not a report in the interchange form/],
  ['a folder', ['validate', 'folder'], 2, /folder 是文件夹.*请指定其中的年报文件/, /folder is a folder, not a file/],
  ['an old Word file', ['validate', 'report.doc'], 2, /旧版 Word 文档（\.doc）：请在 Word 或 WPS 中另存为 \.docx/, /save it as \.docx/],
  ['an old Excel file', ['validate', 'report.xls'], 2, /另存为 \.xlsx/, /save it as \.xlsx/],
  ['a WPS spreadsheet', ['validate', 'report.et'], 2, /WPS 表格.*另存为 \.xlsx/, /WPS spreadsheet/],
  ['a scanned PDF', ['validate', 'scan.pdf'], 2, /PDF 没有文字层.*npx nianbao template -o 年报\.xlsx/, /no text layer.*nianbao template/],
  ['a PDF with text, to import', ['import', 'report.pdf'], 2, /PDF 文件不能直接读取.*pdftotext -layout.*nianbao import/, /not read directly.*nianbao import/],
  ['a PDF to submit', ['submit', '--token', 'x', 'report.pdf'], 2, /PDF 文件不能直接读取/, /not read directly/],
  ['a folder named .xlsx', ['validate', 'folder.xlsx'], 2, /folder\.xlsx 是目录，不是普通文件/, /is a directory, not a regular file/],
  ['a picture named .txt', ['validate', 'photo.txt'], 2, /无法识别文件的文字编码.*另存为 UTF-8 文本/, /text encoding could not be told/],
  ['a picture', ['validate', 'scan.png'], 2, /无法识别的文件类型：scan\.png（可读取 \.xlsx/, /Unknown file type: scan\.png/],
  ['a text file named .xlsx', ['validate', 'notes.xlsx'], 2, /不是有效的 Excel 工作簿.*另存为 \.xlsx/, /not a valid Excel workbook/],
  ['a file that is not there', ['validate', 'nothere.xlsx'], 2, /找不到文件：nothere\.xlsx/, /No such file: nothere\.xlsx/],
  ['a misspelt option', ['validate', '--yaer', '2021', 'broken.json'], 2, /没有 --yaer 这个选项；是不是 --year？.*npx nianbao validate --help/, /no option --yaer; did you mean --year\?/],
  ['--year without its value', ['validate', 'broken.json', '--year'], 2, /--year 后面缺少值/, /--year needs a value/],
  ['a two-digit year', ['validate', '--year', '21', 'broken.json'], 2, /--year 应为 2008 到 2100 之间的四位年份.*收到 21.*--year 2025/, /four-digit year from 2008 to 2100.*got 21/],
  ['a value given to a switch', ['validate', '--json=yes', 'broken.json'], 2, /--json 不带值：只写 --json 即可/, /--json takes no value/],
  ['an unknown language', ['validate', '--lang', 'fr', 'broken.json'], 2, /--lang 只能是 zh 或 en（收到 fr）/, /--lang must be zh or en \(got fr\)/],
  ['an unknown command', ['valdate', 'x.xlsx'], 2, /没有 valdate 这个命令；是不是 validate？/, /There is no command valdate; did you mean validate\?/],
  ['render without -o', ['render', 'broken.json'], 2, /请用 -o 指定要写出的 \.html 文件/, /Name the \.html file to write with -o/],
  ['template to a non-.xlsx name', ['template', '-o', 'report.txt'], 2, /请用 -o 指定要写出的 \.xlsx 文件（收到 report\.txt）/, /\.xlsx file to write with -o \(got report\.txt\)/],
  ['template into a missing folder', ['template', '-o', 'no/such/dir/t.xlsx'], 2, /无法写入 no\/such\/dir\/t\.xlsx：它所在的文件夹不存在/, /Cannot write .*its folder does not exist/],
  ['dev-token with a bad agency id', ['dev-token', '--agency', 'Yiyang_HRSS'], 2, /--agency 应为小写字母、数字和连字符.*收到 Yiyang_HRSS/, /--agency must be an id .*got Yiyang_HRSS/],
  ['submit without a token', ['submit', 'report.json'], 2, /缺少 --token.*npx nianbao dev-token --agency/, /Missing --token/],
  ['submit an empty file', ['submit', '--token', 'x', 'empty.txt'], 2, /空文件/, /is empty/],
  ['submit with a token that is no token', ['submit', '--api', '{API}', '--ca', '{CA}', '--token', 'x', 'report.json'], 2, /令牌无效或已过期.*npx nianbao dev-token --agency/, /token is invalid or expired/],
  ['submit text without a year', ['submit', '--api', '{API}', '--ca', '{CA}', '--token', '{TOKEN}', 'seed.txt'], 2, /无法确定报告年度.*请用 --year 指定/, /Give it with --year/],
  ['submit with a --year the file contradicts', ['submit', '--api', '{API}', '--ca', '{CA}', '--token', '{TOKEN}', '--year', '2020', 'report.json'], 2, /2020 ≠ 2021.*请改正 --year/, /Correct --year/],
  ['submit broken JSON (the server reads it)', ['submit', '--api', '{API}', '--ca', '{CA}', '--token', '{TOKEN}', 'broken.json'], 2, /E-BODY-MALFORMED.*第 3 行第 1 列/, /line 3, column 1/],
  ['a comment on a sheet that does not exist', ['review', 'return', 'yiyang-hrss', '--year', '2021', '--reason', '请核对', '--cell', '表九!D5=请核对', '--api', '{API}', '--ca', '{CA}', '--token', '{TOKEN}'], 2, /没有名为「表九」的工作表。可写 表二、表三、表四/, /no sheet is named "表九"/],
  ['a comment on a cell written as neither sheet!cell nor an id', ['review', 'return', 'yiyang-hrss', '--year', '2021', '--reason', '请核对', '--cell', 'C12=请核对', '--api', '{API}', '--ca', '{CA}', '--token', '{TOKEN}'], 2, /按 Excel 中所见写 工作表!单元格，如 表三!D5/, /Write it as Excel shows it, sheet!cell/],
  ['submit when the stack is not running', ['submit', '--api', '{DOWN}', '--token', 'x', 'report.json'], 2, /无法连接.*本地服务是否已启动.*--api https:\/\/localhost:端口\/api/, /is the local stack running\?/],
] as const).map(([name, args, exit, zh, en]) => ({ name, args, exit, zh, en }));

const JSON_TYPE = { 'content-type': 'application/json' };
const XLSX_TYPE = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
/** (No token: API Gateway answers 401 itself, before any handler, as on AWS; the CLI row above says it in both languages.)
 * name, headers, body (SEED: the example's text, which names no year), status, code, Chinese, English. */
// prettier-ignore
const API: readonly ApiCase[] = ([
  ['an empty body', JSON_TYPE, '', 400, /^E-BODY-EMPTY$/, /内容为空：请在请求正文中附上年报文件/, /empty: send the report file/],
  ['broken JSON', JSON_TYPE, '{"year": 2021,\n "agency": }', 400, /^E-BODY-MALFORMED$/, /第 2 行第 12 列（"}"）处应为一个值/, /line 2, column 12/],
  ['JSON that is no report', JSON_TYPE, '[1, 2]', 400, /^E-REPORT-SCHEMA$/, /JSON 不符合年报数据格式/, /not a report in the interchange form/],
  ['a PDF', { 'content-type': 'application/pdf' }, '%PDF-1.4\n/Font', 415, /^E-CONTENT-TYPE$/, /PDF 文件不能直接读取：请上传填好的年报模板（\.xlsx），或该年报的 Word 文档/, /upload the filled report template/],
  ['a scanned PDF sent as text', { 'content-type': 'text/plain', 'x-report-year': '2021' }, '%PDF-1.4\n<< /Subtype /Image >>', 422, /^E-NOT-A-REPORT$/, /没有文字层.*请上传填好的年报模板（\.xlsx）/, /no text layer.*Upload the filled report template/],
  ['a text file sent as a workbook', XLSX_TYPE, 'hello', 400, /^E-WORKBOOK/, /Excel 工作簿/, /Excel workbook/],
  ['text without a year', { 'content-type': 'text/plain; charset=utf-8' }, 'SEED', 422, /^E-YEAR-MISSING$/, /X-Report-Year/, /X-Report-Year/],
  ['a two-digit year', { 'content-type': 'text/plain', 'x-report-year': '21' }, 'SEED', 400, /^E-YEAR-INVALID$/, /21，应为 2008–2100 之间的四位年份/, /four-digit year 2008–2100/],
  ['a body over the limit', JSON_TYPE, 'x'.repeat(MAX_BODY_BYTES + 1), 413, /^E-BODY-TOO-LARGE$/, /过大.*上限/, /too large.*limit/],
] as const).map(([name, headers, body, status, code, zh, en]) => ({ name, headers, body, status, code, zh, en }));

/** The first of a message's phrases said twice: `n` units in a row (Chinese characters, or English words). */
function saidTwice(units: readonly string[][], n: number, join = ''): string | undefined {
  const seen = new Set<string>();
  for (const run of units)
    for (let i = 0; i + n <= run.length; i++) {
      const phrase = run.slice(i, i + n).join(join);
      if (seen.has(phrase)) return phrase;
      seen.add(phrase);
    }
  return undefined;
}

/** Words said twice in one message (a code's title, then a reader's sentence saying it again). */
function repeated({ zh = '', en = '' }: { zh?: string; en?: string }): string | undefined {
  const han = (zh.match(/[\u4e00-\u9fff]+/g) ?? []).map((run) => [...run]);
  return saidTwice(han, 4) ?? saidTwice([en.toLowerCase().match(/[a-z]+/g) ?? []], 3, ' ');
}

/** A stack trace line, or the JavaScript engine's English inside a Chinese message. */
const LEAKS = /^\s+at .+:\d+:\d+\)?$|Unexpected (token|end)|is not valid JSON|ERR_[A-Z_]+/m;

let stack: HostileStack;
let dir: string;
let token: string;
let down: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-wrong-'));
  stack = await startHostileStack('wronginputs');
  token = await signDevToken(stack.key, { agency: 'yiyang-hrss', agencyName: '益阳市人力资源和社会保障局' });
  down = await freePort();
  const files: Record<string, string | Buffer> = {
    'empty.txt': '',
    'empty.json': '',
    'broken.json': '{\n  "year": 2021,\n',
    'array.json': '[]',
    'report.doc': 'a Word 97 file',
    'report.xls': 'an Excel 97 file',
    'report.et': 'a WPS file',
    'scan.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    'photo.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    'scan.pdf': '%PDF-1.4\n1 0 obj << /Type /XObject /Subtype /Image >> endobj\n',
    'report.pdf': '%PDF-1.4\n1 0 obj << /Type /Font /Subtype /TrueType >> endobj\n',
    'notes.xlsx': 'not a zip at all',
    'my report.json': '{}',
    'ca.crt': stack.target.ca,
    'seed.txt': SEED,
    'report.json': JSON.stringify(acceptedReport(2021, 'wrong-inputs', '益阳市人力资源和社会保障局')),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  mkdirSync(join(dir, 'folder'));
  mkdirSync(join(dir, 'folder.xlsx'));
});

afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a person's terminal: no token or API of this machine's settings. */
function personEnv(): NodeJS.ProcessEnv {
  const { NIANBAO_TOKEN: _t, NIANBAO_API: _a, ...env } = process.env;
  return env;
}

function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const resolved = args.map((a) =>
    a
      .replace('{API}', `${stack.target.url}/api`)
      .replace('{CA}', 'ca.crt')
      .replace('{TOKEN}', token)
      .replace('{DOWN}', `https://localhost:${down}/api`),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...resolved], {
      cwd: dir,
      env: { ...personEnv(), NO_COLOR: '1', DATA_DIR: join(dir, '.data') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('every wrong input on the command line: its exit code and a message naming what was wrong and what to do', async () => {
  const results: { c: CliCase; r: Awaited<ReturnType<typeof runCli>> }[] = [];
  await pool(CLI, 4, async (c, i) => void (results[i] = { c, r: await runCli(c.args) }));
  const wrong: string[] = [];
  for (const { c, r } of results) {
    // The first line in Chinese, the English after it.
    const [zh = '', ...rest] = r.stderr.split('\n');
    const en = rest.join('\n');
    const problems = [
      r.code !== c.exit && `exit ${r.code}, expected ${c.exit}`,
      !c.zh.test(r.stderr) && `Chinese does not match ${c.zh}`,
      !c.en.test(r.stderr) && `English does not match ${c.en}`,
      !/[\u4e00-\u9fff]/.test(zh) && 'no Chinese first',
      !/[a-z]{3}/i.test(en) && 'no English after the Chinese',
      LEAKS.test(r.stderr) && 'a stack trace or the engine’s English',
    ].filter(Boolean);
    if (problems.length) wrong.push(`${c.name} (nianbao ${c.args.join(' ')}): ${problems.join('; ')}\n${r.stderr}`);
  }
  expect(wrong).toEqual([]);
});

test('every wrong submission to the API: its status, code and a message in both languages', async () => {
  const wrong: string[] = [];
  for (const c of API) {
    const r = await stack.call('http', 'POST', '/api/reports', {
      token,
      headers: { 'idempotency-key': `wrong-${API.indexOf(c)}-${Date.now()}`, ...c.headers },
      body: c.body === 'SEED' ? SEED : c.body,
    });
    const message = r.json?.message as { zh?: string; en?: string } | undefined;
    const problems = [
      r.status !== c.status && `status ${r.status}, expected ${c.status}`,
      !c.code.test(String(r.json?.code)) && `code ${r.json?.code} does not match ${c.code}`,
      !c.zh.test(message?.zh ?? '') && `Chinese does not match ${c.zh}`,
      !c.en.test(message?.en ?? '') && `English does not match ${c.en}`,
      !/[\u4e00-\u9fff]/.test(message?.zh ?? '') && 'no Chinese',
      repeated(message ?? {}) && `says 「${repeated(message ?? {})}」 twice`,
      // The web page shows these answers: no command-line step in them.
      /nianbao (template|import)|pdftotext/.test(`${message?.zh} ${message?.en}`) && 'a command-line step',
      LEAKS.test(r.text) && 'a stack trace or the engine’s English',
    ].filter(Boolean);
    if (problems.length) wrong.push(`${c.name}: ${problems.join('; ')}\n${r.text.slice(0, 400)}`);
  }
  expect(wrong).toEqual([]);
});
