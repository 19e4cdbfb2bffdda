/**
 * The clerk's upload page: choose the filled template (or a published report's text), send it to the API, see the
 * server's findings with sheet!cell addresses, confirm the warnings one by one and submit; see where the report
 * stands with the reviewing office (a return's reason and cell comments).
 */
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { CLIENT_HEADER, CONFIRM_HEADER, IDEMPOTENCY_HEADER, YEAR_HEADER } from '../../contract/headers';
import { MEDIA, SUBMISSION_FILE_EXTENSIONS } from '../../contract/media';
import { RETRY_ATTEMPTS } from '../../contract/retry';
import type { Finding } from '../../report/model/types';
import { ApiError } from '../common/api';
import { Findings } from '../common/Findings';
import { ReviewCard } from '../common/ReviewCard';
import { useShellStyles, type PageContext } from '../common/Shell';
import { when } from '../common/i18n';

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; retry?: { n: number; wait?: number | undefined } }
  | { kind: 'errors'; findings: Finding[] }
  | { kind: 'confirm'; findings: Finding[]; unconfirmed: string[] }
  | { kind: 'done'; answer: Record<string, unknown> }
  | { kind: 'failed'; message: string };

const EXTENSIONS = Object.keys(SUBMISSION_FILE_EXTENSIONS);
/** What a published report comes as (JSON is accepted too, for scripts, but is no published form). */
const PUBLISHED_KINDS = EXTENSIONS.filter((e) => e !== '.xlsx' && e !== '.json').join(' ');

function kindOf(name: string) {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? SUBMISSION_FILE_EXTENSIONS[name.slice(dot).toLowerCase()] : undefined;
}

/** Text as it is: UTF-8 when it is, else GB18030 (Chinese pages saved by older tools). */
function contentType(kind: keyof typeof MEDIA, bytes: ArrayBuffer): string {
  if (kind !== 'text' && kind !== 'html' && kind !== 'json') return MEDIA[kind];
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return `${MEDIA[kind]}; charset=utf-8`;
  } catch {
    return `${MEDIA[kind]}; charset=gb18030`;
  }
}

/** One key per file's content, agency and year: sending the same thing again never stores a second version. */
async function keyFor(bytes: ArrayBuffer, agency: string, year: number): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest.slice(0, 16), (x) => x.toString(16).padStart(2, '0')).join('');
  return `web-${agency}-${year}-${hex}`;
}

export function UploadPage({ ctx }: { ctx: PageContext }) {
  const s = useShellStyles();
  const { t, lang, api, session } = ctx;
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [refresh, setRefresh] = useState(0);
  const yearNumber = /^\d{4}$/.test(year) ? Number(year) : undefined;
  useEffect(() => setPhase({ kind: 'idle' }), [file, year]);

  const send = async (confirm: readonly string[]) => {
    if (!file || !yearNumber || !session.agency) return;
    const kind = kindOf(file.name);
    if (!kind) return setPhase({ kind: 'failed', message: t('fileHint', { kinds: PUBLISHED_KINDS }) });
    setPhase({ kind: 'sending' });
    try {
      const bytes = await file.arrayBuffer();
      const onRetry = (n: number, wait?: number) => setPhase({ kind: 'sending', retry: { n, wait } });
      const res = await api.upload(
        '/reports',
        bytes,
        {
          'Content-Type': contentType(kind, bytes),
          Accept: 'application/json',
          [IDEMPOTENCY_HEADER]: await keyFor(bytes, session.agency, yearNumber),
          [YEAR_HEADER]: String(yearNumber),
          // Recorded with the version (its history names the client: add-in, CLI or web page).
          [CLIENT_HEADER]: 'web',
          ...(confirm.length ? { [CONFIRM_HEADER]: confirm.join(',') } : {}),
        },
        onRetry,
      );
      const body = res.body;
      const findings = (body.findings as Finding[] | undefined) ?? [];
      if (res.status === 201) {
        setPhase({ kind: 'done', answer: body });
        setRefresh((n) => n + 1);
      } else if (body.code === 'E-REPORT-ERRORS') setPhase({ kind: 'errors', findings });
      else if (body.code === 'E-CONFIRM-WARNINGS') {
        setChecked(new Set(confirm));
        setPhase({ kind: 'confirm', findings, unconfirmed: (body.unconfirmed as string[]) ?? [] });
      } else
        setPhase({
          kind: 'failed',
          message: `${(body.message as { zh: string; en: string })?.[lang] ?? res.status} (${String(body.code)})`,
        });
    } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof ApiError ? `${e.bilingual[lang]} (${e.code})` : String(e) });
    }
  };

  const warnings =
    phase.kind === 'confirm'
      ? [...new Set(phase.findings.filter((f) => f.severity === 'warning').map((f) => f.rule))]
      : [];
  return (
    <>
      <Card className={s.card} aria-labelledby="upload-title">
        <Subtitle1 as="h2" id="upload-title">
          {t('chooseFile')}
        </Subtitle1>
        <div className={s.row}>
          <Field label={t('year')}>
            <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" maxLength={4} />
          </Field>
          <Field label={t('chooseFile')} hint={t('fileHint', { kinds: PUBLISHED_KINDS })}>
            <input
              type="file"
              aria-label={t('chooseFile')}
              accept={EXTENSIONS.join(',')}
              data-testid="file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Field>
          <Button
            appearance="primary"
            disabled={!file || !yearNumber || phase.kind === 'sending'}
            onClick={() => void send([])}
          >
            {phase.kind === 'sending' ? t('submitting') : t('checkAndSubmit')}
          </Button>
        </div>
        {phase.kind === 'sending' && (
          <Spinner
            size="small"
            label={
              !phase.retry
                ? t('submitting')
                : phase.retry.wait !== undefined
                  ? t('waitingRetry', { s: phase.retry.wait, n: phase.retry.n, of: RETRY_ATTEMPTS })
                  : t('retrying', { n: phase.retry.n, of: RETRY_ATTEMPTS })
            }
          />
        )}
        {phase.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>{t('failedTitle')}</MessageBarTitle>
              {phase.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {phase.kind === 'errors' && (
          <>
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>{t('errorsTitle')}</MessageBarTitle>
                {t('errorsHint')}
              </MessageBarBody>
            </MessageBar>
            <Findings findings={phase.findings} lang={lang} />
          </>
        )}
        {phase.kind === 'confirm' && (
          <>
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{t('warningsTitle')}</MessageBarTitle>
                {t('warningsHint')}
              </MessageBarBody>
            </MessageBar>
            <Findings findings={phase.findings} lang={lang} />
            <fieldset className={s.row}>
              <legend>{t('warningsTitle')}</legend>
              {warnings.map((rule) => (
                <Checkbox
                  key={rule}
                  label={t('confirmRule', { rule })}
                  checked={checked.has(rule)}
                  onChange={(_, d) =>
                    setChecked((prev) => {
                      const next = new Set(prev);
                      if (d.checked) next.add(rule);
                      else next.delete(rule);
                      return next;
                    })
                  }
                />
              ))}
            </fieldset>
            <div className={s.row}>
              <Button
                appearance="primary"
                disabled={!warnings.every((r) => checked.has(r))}
                onClick={() => void send(warnings)}
              >
                {t('confirmAndSubmit')}
              </Button>
            </div>
          </>
        )}
        {phase.kind === 'done' && <Receipt ctx={ctx} answer={phase.answer} />}
      </Card>
      {yearNumber && session.agency && (
        <ReviewCard ctx={ctx} agency={session.agency} year={yearNumber} refresh={refresh} />
      )}
    </>
  );
}

function Receipt({ ctx, answer }: { ctx: PageContext; answer: Record<string, unknown> }) {
  const { t, lang } = ctx;
  const findings = (answer.findings as Finding[] | undefined) ?? [];
  return (
    <>
      <MessageBar intent="success" data-testid="receipt">
        <MessageBarBody>
          <MessageBarTitle>{t('acceptedTitle', { version: Number(answer.version) })}</MessageBarTitle>
          {t('acceptedBody', {
            agency: String(answer.agencyName ?? answer.agency),
            year: Number(answer.year),
            when: when(String(answer.submittedAt), lang),
          })}
        </MessageBarBody>
      </MessageBar>
      {findings.length > 0 && <Findings findings={findings} lang={lang} />}
    </>
  );
}
