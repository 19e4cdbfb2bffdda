/** The document shell shared by the published pages: language, charset, CSP first, viewport, the one stylesheet. */
import { escapeHtml, safeUrl } from './escape';
import { PAGE_CSS, pageCsp } from './styles';

export interface DocumentParts {
  title: string;
  /** Already-escaped body HTML. */
  body: string;
  canonicalUrl?: string | undefined;
  /** Alternate representations (open data), as <link rel="alternate">. */
  alternates?: readonly { type: string; href: string | undefined }[];
}

export function htmlDocument(parts: DocumentParts): string {
  const head = [
    '<meta charset="utf-8">',
    // First after the charset: a meta CSP only governs what follows it.
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(pageCsp())}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="format-detection" content="telephone=no">',
    `<title>${escapeHtml(parts.title)}</title>`,
  ];
  const canonical = safeUrl(parts.canonicalUrl);
  if (canonical) head.push(`<link rel="canonical" href="${escapeHtml(canonical)}">`);
  for (const alt of parts.alternates ?? []) {
    const href = safeUrl(alt.href);
    if (href) head.push(`<link rel="alternate" type="${escapeHtml(alt.type)}" href="${escapeHtml(href)}">`);
  }
  head.push(`<style>${PAGE_CSS}</style>`);
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${parts.body}\n</body>\n</html>\n`;
}

/** An ISO time as Beijing time (UTC+8, no daylight saving) for people, inside <time> for machines. */
export function timeElement(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeHtml(iso);
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  return `<time datetime="${escapeHtml(iso)}">${text}</time>`;
}
