/**
 * nianbao review list --year Y [--office ID] [--as-of DATE] [--csv]   — the desk: each agency's state and deadline
 * nianbao review return AGENCY --year Y --reason TEXT [--cell SHEET!A1=COMMENT | ID=COMMENT]… [--version N]
 * nianbao review accept AGENCY --year Y [--version N]
 * nianbao review nothing-to-report AGENCY --year Y --reason TEXT
 * nianbao review remind --year Y [--office ID]
 * The reviewing office's commands (docs/reviewer-guide.md); every check the server makes is the server's.
 */
import type { PublicationAnswer } from '../../contract/answers';
import { AGENCY_ID, MAX_REASON_CHARS } from '../../contract/limits';
import {
  type DeskAnswer,
  joinDeskPage,
  type ReminderAnswer,
  REVIEW_STATE_LABELS,
  type ReviewState,
  type ReviewStatus,
} from '../../contract/review';
import { API_HELP, API_OPTIONS, type Answer, apiTarget, call, refusal } from '../api';
import { intOption, stringOption } from '../args';
import { EXIT, type Lang, UsageError } from '../io';
import { cellComments, reportLayout, resolveCells } from '../reviewCells';
import { runCommand } from '../run';

const HELP = `用法 / usage:
  nianbao review list --year Y [--office ID] [--as-of DATE] [--csv] [options]
      审核台：所审核机关的状态、截止日、逾期与迟报、待提醒名单。--csv 输出 CSV（可用 Excel 打开）。
      The desk: each agency's state, deadline, overdue and late flags, the reminder list. --csv prints the CSV.
  nianbao review return AGENCY --year Y --reason 理由 [--cell 单元格=批注]… [--version N] [options]
      退回年报：须写明理由；--cell 批注单元格，按 Excel 中所见写 工作表!单元格（如 表三!D5=与上年结转数不符，
      或工作表全名）或写单元格标识（如 t3.new.natural=…），可重复。
      Returns a report with a reason; --cell comments on a cell, written as Excel shows it (表三!D5, or the sheet's
      full name) or as its id (t3.new.natural), as often as needed.
  nianbao review accept AGENCY --year Y [--version N] [options]
      审核通过（按通过后公开的审核机关，此时公开）/ accepts it (public then, where the office publishes on 通过).
  nianbao review nothing-to-report AGENCY --year Y --reason 理由 [options]
      登记无需报送（与未报送区分）/ files that the agency has nothing to report (apart from missing).
  nianbao review remind --year Y [--office ID] [options]
      提醒待报送的机关（邮件或日志）/ reminds those on the list (e-mail, or the log).

  --year Y       年报年度 / the report's year
  --office ID    审核机关（管理员必填；审核人默认为本机关）/ the office (administrators; a reviewer: its own)
  --as-of DATE   按此日期判断逾期，如 2026-02-01 / judge overdue as of this date
  --version N    所审核的版本；已有更新版本时拒绝 / the version reviewed: refused if a newer one arrived
${API_HELP}
退出码 / exit: 0 成功 ok · 1 当前状态不允许此操作 refused in the report's state · 2 无法执行 could not run`;

type Values = Record<string, string | boolean | undefined>;

const label = (state: ReviewState, lang: Lang) => REVIEW_STATE_LABELS[state][lang];

function yearOf(values: Values): number {
  const year = intOption(values.year, '--year');
  if (year === undefined) throw new UsageError({ zh: '请用 --year 指定年度', en: 'Give the year with --year' });
  return year;
}

function officeQuery(values: Values): string {
  const office = stringOption(values.office);
  if (office !== undefined && !AGENCY_ID.test(office))
    throw new UsageError({
      zh: `--office 不是有效的机关标识：${office}`,
      en: `--office is not an agency id: ${office}`,
    });
  return office ? `office=${office}` : '';
}

/** A refusal on stderr; exit 1 when the report's state refused it, else 2. */
function failed(answer: Answer, lang: Lang): number {
  const code = answer.json?.code ? ` ${answer.json.code}` : '';
  process.stderr.write(`${lang === 'zh' ? '未成功' : 'Failed'} (${answer.status}${code}): ${refusal(answer)[lang]}\n`);
  return answer.status === 409 ? EXIT.findings : EXIT.unusable;
}

function deskText(desk: DeskAnswer, lang: Lang): string {
  const zh = lang === 'zh';
  const asOf = desk.asOf.replace('T00:00:00.000Z', '');
  const head = zh
    ? `${desk.officeName}（${desk.office}）${desk.year} 年度 · 截至 ${asOf}`
    : `${desk.officeName} (${desk.office}), ${desk.year} · as of ${asOf}`;
  const rows = desk.rows.map((r) => {
    const flags = [r.overdue ? (zh ? '逾期' : 'overdue') : '', r.late ? (zh ? '迟报' : 'late') : ''].filter(Boolean);
    const state = [label(r.state, lang), ...flags].join(' · ');
    return [r.agency, r.name, state, r.deadline, r.version ? `v${r.version}` : '-', r.reason ?? ''].join('\t');
  });
  const states: ReviewState[] = ['missing', 'submitted', 'returned', 'accepted', 'nothing'];
  const counts = states.map((s) => `${label(s, lang)} ${desk.counts[s]}`).join(zh ? '，' : ', ');
  const tail = zh
    ? `合计：${counts}；逾期 ${desk.counts.overdue}；待提醒 ${desk.reminders.length}${desk.reminders.length ? `（${desk.reminders.join('、')}）` : ''}`
    : `Counts: ${counts}; overdue ${desk.counts.overdue}; to remind ${desk.reminders.length}${desk.reminders.length ? ` (${desk.reminders.join(', ')})` : ''}`;
  return [head, ...rows, tail].join('\n');
}

async function list(values: Values, lang: Lang): Promise<number> {
  const year = yearOf(values);
  const asOf = stringOption(values['as-of']);
  const q = [officeQuery(values), asOf ? `asOf=${encodeURIComponent(asOf)}` : '', values.csv ? 'format=csv' : '']
    .filter(Boolean)
    .join('&');
  const target = apiTarget(values);
  const answer = await call(target, 'GET', `/review/${year}${q ? `?${q}` : ''}`);
  if (answer.status !== 200) return failed(answer, lang);
  if (values.csv) {
    process.stdout.write(answer.body); // the whole office in one file
    return EXIT.ok;
  }
  // The desk comes a page at a time: follow `next`, every page as of the first one's moment.
  let desk = answer.json as DeskAnswer;
  const rest = [officeQuery(values), `asOf=${encodeURIComponent(desk.asOf)}`].filter(Boolean).join('&');
  while (desk.next) {
    const page = await call(target, 'GET', `/review/${year}?${rest}&cursor=${encodeURIComponent(desk.next)}`);
    if (page.status !== 200) return failed(page, lang);
    desk = joinDeskPage(desk, page.json as DeskAnswer);
  }
  if (values.json) process.stdout.write(JSON.stringify(desk, null, 2) + '\n');
  else process.stdout.write(deskText(desk, lang) + '\n');
  return EXIT.ok;
}

async function remind(values: Values, lang: Lang): Promise<number> {
  const q = officeQuery(values);
  const answer = await call(apiTarget(values), 'POST', `/review/${yearOf(values)}/reminders${q ? `?${q}` : ''}`);
  if (answer.status !== 200) return failed(answer, lang);
  const a = answer.json as ReminderAnswer;
  if (values.json) process.stdout.write(JSON.stringify(a, null, 2) + '\n');
  else {
    const via = a.channel === 'ses' ? (lang === 'zh' ? '邮件' : 'e-mail') : lang === 'zh' ? '日志' : 'the log';
    process.stdout.write(
      lang === 'zh'
        ? `已提醒 ${a.sent.length} 个（${via}）${a.sent.length ? `：${a.sent.join('、')}` : ''}；无邮箱 ${a.unreachable.length} 个${a.unreachable.length ? `：${a.unreachable.join('、')}` : ''}\n`
        : `Reminded ${a.sent.length} (${via})${a.sent.length ? `: ${a.sent.join(', ')}` : ''}; without an address ${a.unreachable.length}${a.unreachable.length ? `: ${a.unreachable.join(', ')}` : ''}\n`,
    );
  }
  return EXIT.ok;
}

const PATHS = { return: 'return', accept: 'accept', 'nothing-to-report': 'nothing-to-report' } as const;

async function act(sub: keyof typeof PATHS, agency: string | undefined, values: Values, lang: Lang) {
  if (!agency || !AGENCY_ID.test(agency))
    throw new UsageError({
      zh: `请指定一个机关标识，如 yiyang-hrss${agency ? `（不是 ${agency}）` : ''}`,
      en: `Name one agency id, e.g. yiyang-hrss${agency ? ` (not ${agency})` : ''}`,
    });
  const year = yearOf(values);
  const reason = stringOption(values.reason)?.trim();
  if (sub !== 'accept' && !reason)
    throw new UsageError({ zh: '请用 --reason 写明理由', en: 'Give the reason with --reason' });
  if (reason && reason.length > MAX_REASON_CHARS)
    throw new UsageError({
      zh: `理由不超过 ${MAX_REASON_CHARS} 字`,
      en: `The reason is at most ${MAX_REASON_CHARS} characters`,
    });
  const given = sub === 'return' ? cellComments((values.cell as unknown as string[] | undefined) ?? []) : [];
  const versionText = stringOption(values.version);
  if (versionText !== undefined && !/^\d{1,6}$/.test(versionText))
    throw new UsageError({ zh: '--version 应为版本号', en: '--version must be a version number' });
  const target = apiTarget(values);
  const comments = given.length ? resolveCells(given, await reportLayout(target, agency, year)) : [];
  const body = {
    ...(reason ? { reason } : {}),
    ...(comments.length ? { comments } : {}),
    ...(versionText !== undefined ? { version: Number(versionText) } : {}),
  };
  const answer = await call(target, 'POST', `/reports/${agency}/${year}/${PATHS[sub]}`, {
    body: Buffer.from(JSON.stringify(body)),
    headers: { 'content-type': 'application/json' },
  });
  if (values.json) process.stdout.write(JSON.stringify(answer.json ?? {}, null, 2) + '\n');
  if (answer.status !== 200) return failed(answer, lang);
  if (!values.json) {
    const { review, publication } = answer.json as { review: ReviewStatus; publication: PublicationAnswer };
    const zh = lang === 'zh';
    const public_ =
      publication.state === 'published'
        ? zh
          ? `；公开的是第 ${publication.version} 版`
          : `; version ${publication.version} is public`
        : '';
    process.stdout.write(
      zh
        ? `${agency} ${year} 年度：${label(review.state, lang)}（第 ${review.version} 版）${public_}\n`
        : `${agency} ${year}: ${label(review.state, lang)} (version ${review.version})${public_}\n`,
    );
  }
  return EXIT.ok;
}

export async function run(argv: string[]): Promise<number> {
  return runCommand(
    argv,
    HELP,
    {
      ...API_OPTIONS,
      year: { type: 'string' },
      office: { type: 'string' },
      'as-of': { type: 'string' },
      csv: { type: 'boolean' },
      reason: { type: 'string' },
      cell: { type: 'string', multiple: true },
      version: { type: 'string' },
    },
    async ({ values, positionals, lang }) => {
      const [sub, ...rest] = positionals;
      if ((sub === 'list' || sub === 'remind') && rest.length === 0)
        return sub === 'list' ? list(values, lang) : remind(values, lang);
      if (sub === 'return' || sub === 'accept' || sub === 'nothing-to-report') {
        if (rest.length > 1)
          throw new UsageError({
            zh: `多余的参数：${rest.slice(1).join(' ')}`,
            en: `Unexpected: ${rest.slice(1).join(' ')}`,
          });
        return act(sub, rest[0], values, lang);
      }
      throw new UsageError({
        zh: '子命令应为 list、return、accept、nothing-to-report 或 remind',
        en: 'The subcommand is list, return, accept, nothing-to-report or remind',
      });
    },
  );
}
