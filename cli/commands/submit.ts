/**
 * nianbao submit FILE [--api URL] [--token T] [--year Y] [--agency ID] [--confirm-warnings all|CODES]
 *                     [--idempotency-key K | --new-version] [--json] [--ca FILE] [--lang en]
 * Sends the file as it is (JSON, xlsx, or a published report's text/HTML) to the central repository. The same file
 * sent twice is one submission (cli/submitKey.ts).
 */
import { decodeReportText, EncodingError } from '../../report/input/encoding';
import type { Bilingual, Finding } from '../../report/model/types';
import { inputKind, type InputKind } from '../../report/input';
import { CERT_FILES } from '../../dev/certs';
import { localPort } from '../../dev/paths';
import type { AcceptedAnswer } from '../../contract/answers';
import { MEDIA } from '../../contract/media';
import {
  CLIENT_HEADER,
  CONFIRM_HEADER,
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  YEAR_HEADER,
} from '../../contract/headers';
import { MAX_BODY_BYTES } from '../../contract/limits';
import {
  nextRetry,
  RETRY_ATTEMPTS,
  retryableStatus,
  retryAfterSeconds,
  THROTTLED,
  withTryAgainIn,
} from '../../contract/retry';
import { isLocal, localApi, send, trustedCAs, type Answer } from '../api';
import { MAX_FILE_BYTES, readRegularFile } from '../files';
import { intOption, stringOption } from '../args';
import { findingsText } from '../findings';
import { EXIT, type Lang, UsageError } from '../io';
import { runCommand } from '../run';
import { inCliTerms, retryNote } from '../submitTerms';
import { retryCommand, submissionKey, tokenAgency } from '../submitKey';
import { emptyFile, oneFile } from '../wrongFile';
import { notReadKind } from '../load';

const HELP = `用法 / usage: nianbao submit FILE.(xlsx|json|txt|html|docx) [options]

  把年报报送到中心库；文件按原样发送，由服务器校验。
  Submits a report to the central repository; the file is sent as it is and checked by the server.

  --api URL              接口地址 / the API (default: NIANBAO_API, else the local stack running on DATA_DIR,
                         else https://localhost:${localPort()}/api)
  --token T              登录令牌 / bearer token (or NIANBAO_TOKEN); locally: nianbao dev-token
  --year Y               文件未注明年度时指定 / the reporting year, where the file does not say
  --agency ID            管理员代某机关报送 / admins: submit for this agency
  --confirm-warnings C   确认警告：all 或规则代码，逗号分隔 / confirm warnings: all, or rule codes (A,B)
  --idempotency-key K    幂等键；默认由机关、年度和文件内容算出：同一文件再报送一次不会产生新版本
                         the key; by default made from the agency, year and file: the same file twice is one version
  --new-version          用新的幂等键，内容相同也存为新版本 / a new key: store a new version even of the same file
  --json                 输出接口的原始答复 / print the API's answer as JSON
  --ca FILE              额外信任的证书 / a CA to trust (localhost: .certs/${CERT_FILES.ca} by default)
退出码 / exit: 0 已接受 accepted · 1 被拒（有错误或待确认的警告）refused · 2 无法报送 could not submit`;

/**
 * Text files go with their charset, detected as validate and import detect it (UTF-8, GB18030/GBK, UTF-16); one
 * that none of them reads is refused here (exit 2) rather than sent.
 */
function contentTypeOf(kind: InputKind, bytes: Buffer): string {
  const type = MEDIA[kind];
  if (kind === 'xlsx' || kind === 'docx') return type;
  if (kind === 'json') return `${type}; charset=utf-8`;
  try {
    return `${type}; charset=${decodeReportText(bytes).encoding}`;
  } catch (e) {
    if (e instanceof EncodingError) throw new UsageError(e.bilingual);
    throw e;
  }
}

/** An accepted submission's answer, or an error's (contract/answers.ts, contract/errors.ts). */
type ApiBody = Partial<AcceptedAnswer<Finding>> & {
  code?: string;
  message?: Bilingual | string;
  unconfirmed?: string[];
  /** Set by the rate limit (E-RATE-LIMIT), whose message already says when to try again. */
  retryAfterSeconds?: number;
  hint?: Bilingual;
};

/** The API's bilingual message, or one for answers that are not the API's own (the gateway's 401, a proxy). */
function messageOf(status: number, body: ApiBody | undefined): Bilingual {
  if (body?.message && typeof body.message === 'object') return body.message;
  if (status === 401)
    return {
      zh: '令牌无效或已过期：请重新获取（本地：npx nianbao dev-token --agency 机关标识）',
      en: 'The token is invalid or expired: get a new one (locally: npx nianbao dev-token --agency AGENCY-ID)',
    };
  if (status === 413) return { zh: '文件过大', en: 'The file is too large' };
  // API Gateway's own throttle ({"message":"Too Many Requests"}), after the retries.
  if (status === 429) return THROTTLED;
  return { zh: `服务器返回 ${status}`, en: `The server answered ${status}` };
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      api: { type: 'string' },
      token: { type: 'string' },
      year: { type: 'string' },
      agency: { type: 'string' },
      'confirm-warnings': { type: 'string' },
      'idempotency-key': { type: 'string' },
      'new-version': { type: 'boolean' },
      json: { type: 'boolean' },
      ca: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      const [file] = positionals;
      if (!file || positionals.length > 1) throw oneFile(positionals, { zh: '要报送的', en: 'to submit' }, 'submit');
      const kind = inputKind(file);
      if (!kind) throw await notReadKind(file);
      const token = stringOption(values.token) ?? process.env.NIANBAO_TOKEN;
      if (!token)
        throw new UsageError({
          zh: '缺少 --token（或 NIANBAO_TOKEN）。本地服务的令牌：T=$(npx nianbao dev-token --agency 机关标识)，再加 --token "$T"',
          en: 'Missing --token (or NIANBAO_TOKEN). For the local stack: T=$(npx nianbao dev-token --agency AGENCY-ID), then --token "$T"',
        });
      const apiText = stringOption(values.api) || process.env.NIANBAO_API || localApi();
      let api: URL;
      try {
        api = new URL(apiText.replace(/\/+$/, '') + '/reports');
      } catch {
        throw new UsageError({ zh: `--api 不是有效的网址：${apiText}`, en: `--api is not a valid URL: ${apiText}` });
      }
      const agency = stringOption(values.agency);
      if (agency) api.searchParams.set('agency', agency);
      const year = intOption(values.year, '--year');
      const confirm = stringOption(values['confirm-warnings']);
      const bytes = await readRegularFile(file, Math.min(MAX_FILE_BYTES[kind], MAX_BODY_BYTES));
      if (bytes.length === 0) throw emptyFile(file);
      const given = stringOption(values['idempotency-key']);
      if (given && values['new-version'])
        throw new UsageError({
          zh: '--idempotency-key 与 --new-version 只能用一个',
          en: 'Use --idempotency-key or --new-version, not both',
        });
      const key = submissionKey({
        ...(given ? { given } : {}),
        newVersion: Boolean(values['new-version']),
        agency: agency ?? tokenAgency(token),
        ...(year ? { year } : {}),
        bytes,
      });
      const retry = retryCommand(argv, key);
      const headers: Record<string, string> = {
        'content-type': contentTypeOf(kind, bytes),
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        [IDEMPOTENCY_HEADER]: key,
        [CLIENT_HEADER]: 'cli',
        ...(year ? { [YEAR_HEADER]: String(year) } : {}),
        ...(confirm ? { [CONFIRM_HEADER]: confirm } : {}),
      };
      const ca = api.protocol === 'https:' ? trustedCAs(api, stringOption(values.ca)) : undefined;

      // contract/retry.ts: a Retry-After up to 30 s is waited as told (and said), longer is told; none → backoff.
      let answer: Answer | undefined;
      let later: number | undefined;
      for (let attempt = 1; ; attempt++) {
        let after: number | undefined;
        try {
          answer = await send(api, 'POST', headers, bytes, ca);
          if (!retryableStatus(answer.status)) break;
          after = retryAfterSeconds(String(answer.headers['retry-after'] ?? ''));
        } catch (e) {
          if (attempt >= RETRY_ATTEMPTS) {
            const err = e as NodeJS.ErrnoException;
            const local = isLocal(api);
            throw new UsageError({
              zh: `无法连接 ${api.origin}（${err.code ?? err.message}）${local ? '：本地服务是否已启动？请在项目目录运行 npm start；若它在别的端口，用 --api https://localhost:端口/api 指明' : ''}\n报送可能已到达服务器；用同一幂等键重试不会重复保存：\n  ${retry}${retryNote(argv, 'zh')}`,
              en: `Cannot reach ${api.origin} (${err.code ?? err.message})${local ? ': is the local stack running? Run npm start in the project folder; if it runs on another port, name it with --api https://localhost:PORT/api' : ''}\nThe submission may have reached the server; retrying with the same key never stores it twice:\n  ${retry}${retryNote(argv, 'en')}`,
            });
          }
        }
        const next = nextRetry(attempt, after);
        if ('stop' in next) {
          later = next.laterSeconds;
          break;
        }
        if (after !== undefined)
          process.stderr.write(
            lang === 'zh'
              ? `服务器要求等待 ${after} 秒，之后自动重试（同一幂等键，不会重复保存）…\n`
              : `The server asks to wait ${after} s; retrying then (same key, never stored twice)…\n`,
          );
        await new Promise((r) => setTimeout(r, next.waitMs));
      }
      return report(answer!, lang, Boolean(values.json), retry + retryNote(argv, lang), argv, later);
    },
  );
}

/** The answer as the person reads it; `later`: the server asked for a wait longer than the CLI makes (seconds). */
function report(
  answer: Answer,
  lang: Lang,
  json: boolean,
  retry: string,
  argv: readonly string[],
  later?: number,
): number {
  const body = answer.json as ApiBody | undefined;
  const accepted = answer.status === 201 || answer.status === 200;
  const refused = answer.status === 422 && Array.isArray(body?.findings);
  if (json) {
    process.stdout.write(
      JSON.stringify(body ?? { status: answer.status, body: answer.body.toString('utf8') }, null, 2) + '\n',
    );
  } else if (accepted && body) {
    const replayed = answer.headers[REPLAYED_HEADER] === 'true';
    const head =
      lang === 'zh'
        ? `已接受：${body.agency} ${body.year} 年度 第 ${body.version} 版${replayed ? '（重复报送，返回已存版本）' : ''}\n公开页面：${body.publishedUrl}`
        : `Accepted: ${body.agency} ${body.year}, version ${body.version}${replayed ? ' (a repeat: the stored version)' : ''}\nPublished at: ${body.publishedUrl}`;
    process.stdout.write(`${head}\n${body.findings?.length ? `\n${findingsText(body.findings, lang)}\n` : ''}`);
  } else {
    const cli = inCliTerms(body, argv, lang);
    const said = cli.message ?? messageOf(answer.status, body);
    // The time to try again, unless the server's words say it (the rate limit's do).
    const m = later !== undefined && body?.retryAfterSeconds === undefined ? withTryAgainIn(said, later) : said;
    // Chinese first, then English (only English with --lang en), as every other message of the CLI.
    const both = (b: Bilingual) => (lang === 'zh' ? `${b.zh}\n${b.en}` : b.en);
    const status = `(${answer.status}${body?.code ? ` ${body.code}` : ''})`;
    const lines = [both({ zh: `未被接受 ${status}：${m.zh}`, en: `Not accepted ${status}: ${m.en}` })];
    if (body?.findings?.length) lines.push('', findingsText(body.findings, lang));
    const hint = cli.hint ?? body?.hint;
    if (hint) lines.push('', both(hint));
    if (retryableStatus(answer.status))
      lines.push(
        '',
        lang === 'zh'
          ? `稍后用同一幂等键重试（不会重复保存）：\n  ${retry}`
          : `Retry later with the same key (it never stores twice):\n  ${retry}`,
      );
    process.stderr.write(lines.join('\n') + '\n');
  }
  if (accepted) return EXIT.ok;
  return refused ? EXIT.findings : EXIT.unusable;
}
