/**
 * The reviewer desk: the year's list of the agencies an office reviews with states and deadlines, the CSV export,
 * reminders, and the consolidated 本级政府 report. A row opens the report's detail (ReportDetail); a row with no
 * version can be filed as 无需报送 (NothingToReport, below the table).
 */
import {
  Badge,
  Body1,
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { joinDeskPage, type DeskAnswer, type ReminderAnswer } from '../../contract/review';
import { ApiError } from '../common/api';
import { NothingToReport } from '../common/NothingToReport';
import { useShellStyles, type PageContext } from '../common/Shell';
import { STATE_COLOR, stateKey } from '../common/ReviewCard';
import { when } from '../common/i18n';
import { Consolidated } from './Consolidated';

export interface DeskQuery {
  readonly year: number;
  readonly office: string;
}

export function DeskPage({
  ctx,
  query,
  onQuery,
  onOpen,
}: {
  ctx: PageContext;
  query: DeskQuery | null;
  onQuery: (q: DeskQuery) => void;
  onOpen: (agency: string) => void;
}) {
  const s = useShellStyles();
  const { t, lang, api } = ctx;
  const [year, setYear] = useState(String(query?.year ?? new Date().getFullYear() - 1));
  const [office, setOffice] = useState(query?.office ?? ctx.session.office ?? '');
  const [desk, setDesk] = useState<DeskAnswer | 'loading' | null>(null);
  const [note, setNote] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [filing, setFiling] = useState<{ agency: string; name: string } | null>(null);
  const [reload, setReload] = useState(0);
  const fail = (e: unknown) =>
    setNote({ intent: 'error', text: e instanceof ApiError ? `${e.bilingual[lang]} (${e.code})` : String(e) });
  const q = query ? `?office=${encodeURIComponent(query.office)}` : '';

  useEffect(() => setFiling(null), [query?.year, query?.office]);
  useEffect(() => {
    if (!query) return;
    if (!reload) setDesk('loading');
    // The desk comes a page at a time: the first is shown at once, the rest are added as they arrive (a reviewer of
    // 300 departments sees the whole list and its totals), every page as of the first one's moment.
    let stale = false;
    const load = async () => {
      let desk = await api.json<DeskAnswer>('GET', `/review/${query.year}${q}`);
      const rest = `/review/${query.year}?office=${encodeURIComponent(query.office)}&asOf=${encodeURIComponent(desk.asOf)}`;
      while (!stale) {
        setDesk(desk);
        if (!desk.next) return;
        const page = await api.json<DeskAnswer>('GET', `${rest}&cursor=${encodeURIComponent(desk.next)}`);
        desk = joinDeskPage(desk, page);
      }
    };
    load().catch((e) => {
      if (stale) return;
      setDesk(null);
      fail(e);
    });
    return () => {
      stale = true;
    };
  }, [query?.year, query?.office, reload]);

  const remind = async () => {
    if (!query) return;
    try {
      const r = await api.json<ReminderAnswer>('POST', `/review/${query.year}/reminders${q}`);
      setNote({ intent: 'success', text: t('reminded', { sent: r.sent.length, unreachable: r.unreachable.length }) });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <Card className={s.card}>
        <form
          className={s.row}
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{4}$/.test(year) && office.trim()) onQuery({ year: Number(year), office: office.trim() });
          }}
        >
          <Field label={t('year')}>
            <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" maxLength={4} />
          </Field>
          <Field label={t('office')}>
            <Input value={office} onChange={(_, d) => setOffice(d.value)} />
          </Field>
          <Button appearance="primary" type="submit">
            {t('load')}
          </Button>
        </form>
      </Card>
      {note && (
        <MessageBar intent={note.intent} data-testid="desk-note">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
      {desk === 'loading' && <Spinner label={t('load')} />}
      {desk && desk !== 'loading' && query && (
        <>
          <Card className={s.card} aria-labelledby="desk-title">
            <Subtitle1 as="h2" id="desk-title">
              {desk.officeName} · {desk.year}
            </Subtitle1>
            <div className={s.row} data-testid="counts">
              <Body1>{t(desk.next ? 'loadingMore' : 'counts', { total: desk.rows.length })}</Body1>
              {desk.next && <Spinner size="extra-tiny" />}
              {(['missing', 'submitted', 'returned', 'accepted', 'nothing'] as const).map((k) => (
                <Badge key={k} color={STATE_COLOR[k]} appearance="tint">
                  {t(stateKey(k))} {desk.counts[k]}
                </Badge>
              ))}
              <Badge color="danger">
                {t('overdue')} {desk.counts.overdue}
              </Badge>
            </div>
            {desk.reminders.length > 0 && (
              <Body1>
                {t('reminders', {
                  list: desk.reminders
                    .map((id) => desk.rows.find((r) => r.agency === id)?.name ?? id)
                    .join(lang === 'zh' ? '、' : ', '),
                })}
              </Body1>
            )}
            <div className={s.row}>
              <Button
                onClick={() =>
                  void api.download(`/review/${query.year}${q}&format=csv`, `review-${query.year}.csv`).catch(fail)
                }
              >
                {t('exportCsv')}
              </Button>
              <Button onClick={() => void remind()} disabled={desk.reminders.length === 0}>
                {t('remind')}
              </Button>
            </div>
            <Table aria-label={t('deskTitle')} size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={s.wide}>{t('agency')}</TableHeaderCell>
                  <TableHeaderCell>{t('kind')}</TableHeaderCell>
                  <TableHeaderCell>{t('state')}</TableHeaderCell>
                  <TableHeaderCell>{t('deadline')}</TableHeaderCell>
                  <TableHeaderCell>{t('lastSubmitted')}</TableHeaderCell>
                  <TableHeaderCell>{t('version')}</TableHeaderCell>
                  <TableHeaderCell>{t('actions')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {desk.rows.map((r) => (
                  <TableRow key={r.agency} data-testid={`row-${r.agency}`}>
                    <TableCell>
                      {r.name}
                      <br />
                      <code>{r.agency}</code>
                    </TableCell>
                    <TableCell>
                      {r.level}
                      {r.kind}
                    </TableCell>
                    <TableCell>
                      <Badge color={STATE_COLOR[r.state]}>{t(stateKey(r.state))}</Badge>{' '}
                      {r.overdue && <Badge color="danger">{t('overdue')}</Badge>}{' '}
                      {r.late && <Badge color="warning">{t('late')}</Badge>}
                      {r.state === 'nothing' && r.reason && <div className={s.hint}>{r.reason}</div>}
                    </TableCell>
                    <TableCell>{r.deadline}</TableCell>
                    <TableCell>{r.lastSubmittedAt ? when(r.lastSubmittedAt, lang) : '—'}</TableCell>
                    <TableCell>{r.version || '—'}</TableCell>
                    <TableCell>
                      {r.state === 'missing' ? (
                        <Button
                          size="small"
                          onClick={() => setFiling({ agency: r.agency, name: r.name })}
                          aria-label={`${t('doNothing')} ${r.name}`}
                        >
                          {t('state_nothing')}
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          disabled={r.version === 0}
                          onClick={() => onOpen(r.agency)}
                          aria-label={`${t('open')} ${r.name}`}
                        >
                          {t('open')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {filing && (
              <NothingToReport
                key={filing.agency}
                ctx={ctx}
                agency={filing.agency}
                name={filing.name}
                year={query.year}
                onFiled={(review) => {
                  setFiling(null);
                  setNote({ intent: 'success', text: t('actionDone', { state: t(stateKey(review.state)) }) });
                  setReload((n) => n + 1);
                }}
                onCancel={() => setFiling(null)}
              />
            )}
          </Card>
          <Consolidated key={`${query.year}/${query.office}`} ctx={ctx} query={query} />
        </>
      )}
    </>
  );
}
