/**
 * Where an agency's report for a year stands: its state with the office, a return's reason and each cell comment
 * with the cell's place in the workbook (sheet!cell), and whether the public sees it. With no version yet, the clerk
 * may file 无需报送 here (NothingToReport), and sees the filing once made.
 */
import {
  Badge,
  Body1,
  Button,
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PublicationAnswer } from '../../contract/answers';
import type { ReviewState, ReviewStatus } from '../../contract/review';
import { FORMATS } from '../../report/format';
import type { FormatVersion } from '../../report/format/types';
import { slotAddress, workbookLayout } from '../../report/workbook/layout';
import { ApiError } from './api';
import { NothingToReport } from './NothingToReport';
import { useShellStyles, type PageContext } from './Shell';
import { when, type WebKey } from './i18n';

export interface ReportAnswer {
  readonly agency: string;
  readonly agencyName: string | null;
  readonly version: number;
  readonly format: FormatVersion;
  readonly review: ReviewStatus;
  readonly publication: PublicationAnswer;
  readonly publishedUrl: string;
}

export const STATE_COLOR: Record<ReviewState, 'danger' | 'warning' | 'success' | 'informative' | 'subtle'> = {
  missing: 'danger',
  submitted: 'informative',
  returned: 'warning',
  accepted: 'success',
  nothing: 'subtle',
};

export const stateKey = (state: ReviewState) => `state_${state}` as WebKey;

/** sheet!cell of an input id in the report's workbook (the id itself when the layout has no such cell). */
export function cellPlace(id: string, format: FormatVersion = '2021'): string {
  const slot = workbookLayout(FORMATS[format]).byId.get(id);
  return slot ? slotAddress(slot) : id;
}

export function ReviewCard({
  ctx,
  agency,
  year,
  refresh,
}: {
  ctx: PageContext;
  agency: string;
  year: number;
  refresh: number;
}) {
  const s = useShellStyles();
  const { t, lang, api } = ctx;
  const [answer, setAnswer] = useState<ReportAnswer | null | 'loading'>('loading');
  // With no version: the review status the 404 carries (未报送, or 无需报送 with its reason).
  const [unsent, setUnsent] = useState<ReviewStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const [filed, setFiled] = useState(0);
  useEffect(() => {
    let live = true;
    setAnswer('loading');
    setError(null);
    api.json<ReportAnswer>('GET', `/reports/${encodeURIComponent(agency)}/${year}`).then(
      (a) => live && setAnswer(a),
      (e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) {
          setAnswer(null);
          setUnsent((e.body.review as ReviewStatus | undefined) ?? null);
        } else setError(e instanceof ApiError ? e.bilingual[lang] : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [agency, year, refresh, filed]);
  useEffect(() => setFiling(false), [agency, year]);
  const review = answer && answer !== 'loading' ? answer.review : answer === null ? unsent : null;
  const tr = review?.transition;
  return (
    <Card className={s.card} aria-labelledby="review-title" data-testid="review-card">
      <Subtitle1 as="h2" id="review-title">
        {t('reviewTitle')} {review && <Badge color={STATE_COLOR[review.state]}>{t(stateKey(review.state))}</Badge>}
      </Subtitle1>
      {answer === 'loading' && !error && <Spinner size="small" />}
      {error && <Body1>{error}</Body1>}
      {filed > 0 && review?.state === 'nothing' && (
        <MessageBar intent="success" data-testid="action-note">
          <MessageBarBody>{t('actionDone', { state: t('state_nothing') })}</MessageBarBody>
        </MessageBar>
      )}
      {answer === null && review?.state === 'nothing' && tr ? (
        <Body1 data-testid="nothing-filed">
          {t('nothingFiled', { when: when(tr.at, lang), reason: tr.reason ?? '' })}
        </Body1>
      ) : (
        answer === null && (
          <>
            <Body1>{t('noReport')}</Body1>
            {filing ? (
              <NothingToReport
                ctx={ctx}
                agency={agency}
                name={ctx.session.agencyName ?? agency}
                year={year}
                onFiled={() => {
                  setFiling(false);
                  setFiled((n) => n + 1);
                }}
                onCancel={() => setFiling(false)}
              />
            ) : (
              <div>
                <Button onClick={() => setFiling(true)}>{t('nothingOpen')}</Button>
              </div>
            )}
          </>
        )
      )}
      {review?.state === 'returned' && tr && answer && answer !== 'loading' && (
        <MessageBar intent="warning" layout="multiline" data-testid="returned">
          <MessageBarBody>
            <MessageBarTitle>{t('returnedTitle')}</MessageBarTitle>
            {t('returnedBody', { version: tr.version, when: when(tr.at, lang), reason: tr.reason ?? '' })}{' '}
            {t('returnedHint')}
            {tr.comments && tr.comments.length > 0 && (
              <ul aria-label={t('comments')}>
                {tr.comments.map((c, i) => (
                  <li key={i}>
                    <strong>{cellPlace(c.cell, answer.format)}</strong> {c.comment}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {answer && answer !== 'loading' && (
        <Body1>
          {answer.publication.state === 'published' ? (
            <>
              {t('published')}（{t('version')} {answer.publication.version}）{' '}
              <Link href={answer.publishedUrl} target="_blank" rel="noreferrer">
                {t('viewPage')}
              </Link>
            </>
          ) : answer.publication.state === 'none' && answer.publication.awaiting && review?.state === 'submitted' ? (
            t('awaiting')
          ) : null}
        </Body1>
      )}
    </Card>
  );
}
