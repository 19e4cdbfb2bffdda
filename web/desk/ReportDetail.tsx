/**
 * One report on the desk: its latest version's findings, its versions, its review history, and the office's acts —
 * return with a reason and comments on cells (chosen from the workbook's inputs, named by sheet!cell and official
 * labels), or accept — on the version shown (a newer one makes the server refuse: reload).
 */
import {
  Badge,
  Body1,
  Button,
  Card,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle1,
  Subtitle2,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { VersionList, VersionSummary } from '../../contract/answers';
import type { CellComment, ReviewStatus, ReviewTransitionAnswer } from '../../contract/review';
import { FORMATS } from '../../report/format';
import type { Finding } from '../../report/model/types';
import { slotAddress, workbookLayout } from '../../report/workbook/layout';
import { ApiError } from '../common/api';
import { Findings } from '../common/Findings';
import { cellPlace, STATE_COLOR, stateKey, type ReportAnswer } from '../common/ReviewCard';
import { useShellStyles, type PageContext } from '../common/Shell';
import { when } from '../common/i18n';

interface Detail extends ReportAnswer {
  readonly findings: Finding[];
  readonly reviews: ReviewTransitionAnswer[];
}

export function ReportDetail({
  ctx,
  agency,
  year,
  onBack,
}: {
  ctx: PageContext;
  agency: string;
  year: number;
  onBack: () => void;
}) {
  const s = useShellStyles();
  const { t, lang, api } = ctx;
  const [detail, setDetail] = useState<Detail | null>(null);
  // A page of versions, newest first; `older` is the cursor of the next page, while older versions remain.
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [older, setOlder] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [comments, setComments] = useState<CellComment[]>([]);
  const [note, setNote] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [reload, setReload] = useState(0);
  const base = `/reports/${encodeURIComponent(agency)}/${year}`;
  const fail = (e: unknown) =>
    setNote({
      intent: 'error',
      text: t('actionFailed', { detail: e instanceof ApiError ? `${e.bilingual[lang]} (${e.code})` : String(e) }),
    });

  useEffect(() => {
    api.json<Detail>('GET', base).then(setDetail, fail);
    api.json<VersionList>('GET', `${base}/versions`).then((v) => {
      setVersions([...v.versions]);
      setOlder(v.next);
    }, fail);
  }, [agency, year, reload]);

  const showOlder = () => {
    if (!older) return;
    api.json<VersionList>('GET', `${base}/versions?cursor=${encodeURIComponent(older)}`).then((v) => {
      setVersions((shown) => [...shown, ...v.versions]);
      setOlder(v.next);
    }, fail);
  };

  const cells = useMemo(() => {
    const layout = workbookLayout(FORMATS[detail?.format ?? '2021']);
    const names = new Map(layout.format.cells.map((c) => [c.id, `表${c.table}「${c.row}」「${c.column}」`]));
    return layout.inputs.map((slot) => ({ id: slot.id, label: `${slotAddress(slot)} ${names.get(slot.id) ?? ''}` }));
  }, [detail?.format]);

  const act = async (action: 'return' | 'accept') => {
    if (!detail) return;
    setNote(null);
    try {
      const body =
        action === 'return'
          ? { reason, comments: comments.filter((c) => c.comment.trim()), version: detail.version }
          : { version: detail.version };
      const r = await api.json<{ review: ReviewStatus }>('POST', `${base}/${action}`, body);
      setNote({ intent: 'success', text: t('actionDone', { state: t(stateKey(r.review.state)) }) });
      setReason('');
      setComments([]);
      setReload((n) => n + 1);
    } catch (e) {
      fail(e);
    }
  };

  const state = detail?.review.state;
  return (
    <>
      <Link onClick={onBack}>← {t('back')}</Link>
      {note && (
        <MessageBar intent={note.intent} data-testid="action-note">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
      {detail && (
        <>
          <Card className={s.card} aria-labelledby="detail-title">
            <Subtitle1 as="h2" id="detail-title">
              {detail.agencyName ?? agency} · {year} · {t('version')} {detail.version}{' '}
              <Badge color={STATE_COLOR[detail.review.state]}>{t(stateKey(detail.review.state))}</Badge>
            </Subtitle1>
            <Subtitle2 as="h3" block>
              {t('findings')}
            </Subtitle2>
            <Findings findings={detail.findings} lang={lang} />
          </Card>
          {(state === 'submitted' || state === 'accepted') && (
            <Card className={s.card} aria-labelledby="return-title">
              <Subtitle1 as="h2" id="return-title">
                {t('returnTitle')}
              </Subtitle1>
              <Field label={t('reason')} required>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
              </Field>
              {comments.map((c, i) => (
                <div key={i} className={s.row} data-testid="comment-row">
                  <Field label={t('cell')}>
                    <Select
                      value={c.cell}
                      onChange={(_, d) =>
                        setComments((all) => all.map((x, j) => (j === i ? { ...x, cell: d.value } : x)))
                      }
                    >
                      {cells.map((cell) => (
                        <option key={cell.id} value={cell.id}>
                          {cell.label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t('comment')}>
                    <Input
                      value={c.comment}
                      onChange={(_, d) =>
                        setComments((all) => all.map((x, j) => (j === i ? { ...x, comment: d.value } : x)))
                      }
                    />
                  </Field>
                  <Button onClick={() => setComments((all) => all.filter((_, j) => j !== i))}>
                    {t('removeComment')}
                  </Button>
                </div>
              ))}
              <div className={s.row}>
                <Button
                  onClick={() =>
                    setComments((all) => [
                      ...all,
                      { cell: detail.findings[0]?.cells[0]?.id ?? cells[0]!.id, comment: '' },
                    ])
                  }
                >
                  {t('addComment')}
                </Button>
                <Button appearance="primary" disabled={!reason.trim()} onClick={() => void act('return')}>
                  {t('doReturn')}
                </Button>
                {state === 'submitted' && (
                  <Button appearance="primary" onClick={() => void act('accept')}>
                    {t('doAccept')}
                  </Button>
                )}
              </div>
            </Card>
          )}
          <Card className={s.card} aria-labelledby="history-title">
            <Subtitle1 as="h2" id="history-title">
              {t('history')}
            </Subtitle1>
            {detail.reviews.length === 0 && <Body1>—</Body1>}
            <ul>
              {detail.reviews.map((r) => (
                <li key={r.review}>
                  {t(stateKey(r.action === 'return' ? 'returned' : r.action === 'accept' ? 'accepted' : 'nothing'))} ·{' '}
                  {t('version')} {r.version} ·{' '}
                  {t('by', { who: r.by.office ?? r.by.username ?? r.by.sub, when: when(r.at, lang) })}
                  {r.reason && <>：{r.reason}</>}
                  {r.comments?.map((c, i) => (
                    <div key={i}>
                      <strong>{cellPlace(c.cell, detail.format)}</strong> {c.comment}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
            <Subtitle2 as="h3" block>
              {t('versions')}
            </Subtitle2>
            <ul data-testid="version-list">
              {versions.map((v) => (
                <li key={v.version}>
                  {t('version')} {v.version} · {when(v.submittedAt, lang)} · {v.source.kind} ·{' '}
                  {v.submittedBy.username ?? v.submittedBy.sub}
                </li>
              ))}
            </ul>
            {older && (
              <Button data-testid="older-versions" onClick={showOlder}>
                {t('olderVersions')}
              </Button>
            )}
          </Card>
        </>
      )}
    </>
  );
}
