/** The consolidated 本级政府 report on the desk: who is included and missing, its findings, the workbook's download. */
import { Body1, Button, Card, MessageBar, MessageBarBody, Subtitle1, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConsolidationAnswer } from '../../contract/review';
import type { Finding, Report } from '../../report/model/types';
import { ApiError } from '../common/api';
import { Findings } from '../common/Findings';
import { useShellStyles, type PageContext } from '../common/Shell';
import { stateKey } from '../common/ReviewCard';
import type { DeskQuery } from './DeskPage';

export function Consolidated({ ctx, query }: { ctx: PageContext; query: DeskQuery }) {
  const s = useShellStyles();
  const { t, lang, api } = ctx;
  const [answer, setAnswer] = useState<ConsolidationAnswer<Report, Finding> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = `/review/${query.year}/consolidated?office=${encodeURIComponent(query.office)}`;
  const fail = (e: unknown) => setError(e instanceof ApiError ? `${e.bilingual[lang]} (${e.code})` : String(e));
  return (
    <Card className={s.card} aria-labelledby="consolidated-title">
      <Subtitle1 as="h2" id="consolidated-title">
        {t('consolidated')}
      </Subtitle1>
      <div className={s.row}>
        <Button onClick={() => void api.json<ConsolidationAnswer<Report, Finding>>('GET', path).then(setAnswer, fail)}>
          {t('showConsolidated')}
        </Button>
        <Button
          appearance="primary"
          onClick={() => void api.download(`${path}&format=xlsx`, `consolidated-${query.year}.xlsx`).catch(fail)}
        >
          {t('downloadXlsx')}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {answer && (
        <div data-testid="consolidated">
          <Subtitle2 as="h3" block>
            {t('included', { n: answer.included.length })}
          </Subtitle2>
          <ul>
            {answer.included.map((a) => (
              <li key={a.agency}>
                {a.name}（{t('version')} {a.version}）
              </li>
            ))}
          </ul>
          <Subtitle2 as="h3" block>
            {t('missing', { n: answer.missing.length })}
          </Subtitle2>
          <ul>
            {answer.missing.map((a) => (
              <li key={a.agency}>
                {a.name}（{t(stateKey(a.state))}）
              </li>
            ))}
          </ul>
          <Body1 as="p" block>
            {answer.report.sections.overview}
          </Body1>
          <Subtitle2 as="h3" block>
            {t('findings')}
          </Subtitle2>
          <Findings findings={answer.findings} lang={lang} />
        </div>
      )}
    </Card>
  );
}
