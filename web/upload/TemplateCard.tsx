/**
 * The blank official template, offered to clerks without the add-in (WPS, LibreOffice): a static file built beside
 * the page (build/web.ts), saved under its official name. Shown before sign-in too: filling comes before uploading.
 */
import { Body1, Card, Link, Subtitle1 } from '@fluentui/react-components';
import { TEMPLATE_DOWNLOAD_NAME, WEB_DIR, WEB_FILES } from '../../contract/web';
import { useShellStyles } from '../common/Shell';
import { tr, type Lang } from '../common/i18n';

/** The template's address from the page (both live in web/). */
const TEMPLATE_HREF = WEB_FILES.template.slice(WEB_DIR.length + 1);

export function TemplateCard({ lang }: { lang: Lang }) {
  const s = useShellStyles();
  return (
    <Card className={s.card} aria-labelledby="template-title">
      <Subtitle1 as="h2" id="template-title">
        {tr(lang, 'templateTitle')}
      </Subtitle1>
      <Body1 className={s.hint}>{tr(lang, 'templateHint')}</Body1>
      <div>
        <Link href={TEMPLATE_HREF} download={TEMPLATE_DOWNLOAD_NAME} data-testid="template">
          {tr(lang, 'templateDownload')}
        </Link>
      </div>
    </Card>
  );
}
