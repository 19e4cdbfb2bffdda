/**
 * Filing 无需报送 — nothing to report this year (e.g. the agency was merged) — for an agency with no version yet: a
 * required reason, then one button. The clerk files it for its own agency on the upload page, the reviewing office
 * for an agency on its desk (POST …/nothing-to-report allows both, and administrators). It names version 0: a report
 * that arrived meanwhile makes the server refuse (E-REVIEW-STALE) rather than file over it. A report submitted later
 * takes the filing's place.
 */
import { Body1, Button, Field, MessageBar, MessageBarBody, Subtitle2, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ReviewStatus } from '../../contract/review';
import { ApiError } from './api';
import { useShellStyles, type PageContext } from './Shell';

export function NothingToReport({
  ctx,
  agency,
  name,
  year,
  onFiled,
  onCancel,
}: {
  ctx: PageContext;
  agency: string;
  name: string;
  year: number;
  onFiled: (review: ReviewStatus) => void;
  onCancel: () => void;
}) {
  const s = useShellStyles();
  const { t, lang, api } = ctx;
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  // Opened by a button: the reason is where the person types next (keyboard and screen reader alike).
  useEffect(() => reasonField.current?.focus(), []);

  const file = async () => {
    setSending(true);
    setError(null);
    try {
      const r = await api.json<{ review: ReviewStatus }>(
        'POST',
        `/reports/${encodeURIComponent(agency)}/${year}/nothing-to-report`,
        { reason: reason.trim(), version: 0 },
      );
      onFiled(r.review);
    } catch (e) {
      setError(t('actionFailed', { detail: e instanceof ApiError ? `${e.bilingual[lang]} (${e.code})` : String(e) }));
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="nothing-title" className={s.card} data-testid="nothing-form">
      <Subtitle2 as="h3" id="nothing-title" block>
        {t('nothingTitle', { name, year })}
      </Subtitle2>
      <Body1 block className={s.hint}>
        {t('nothingHint')}
      </Body1>
      <Field label={t('nothingReason')} required>
        <Textarea ref={reasonField} value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.row}>
        <Button appearance="primary" disabled={!reason.trim() || sending} onClick={() => void file()}>
          {t('doNothing')}
        </Button>
        <Button onClick={onCancel}>{t('cancel')}</Button>
      </div>
    </section>
  );
}
