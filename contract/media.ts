/** Media types that cross HTTP: what a submission may be, and what the static hosts serve each file as. */

export const MEDIA = {
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
  html: 'text/html',
  csv: 'text/csv',
} as const;

/** The kinds of report a submission body may be, by its Content-Type (without parameters). */
export type SubmissionKind = 'json' | 'xlsx' | 'text' | 'html' | 'docx';

export const SUBMISSION_KIND_OF_TYPE: Readonly<Record<string, SubmissionKind>> = {
  [MEDIA.json]: 'json',
  [MEDIA.xlsx]: 'xlsx',
  [MEDIA.text]: 'text',
  [MEDIA.html]: 'html',
  [MEDIA.docx]: 'docx',
};

/**
 * What the web upload page and the CLI take, by file extension: the kinds the API accepts (a new kind of submission
 * adds its extension here, and the page offers it).
 */
export const SUBMISSION_FILE_EXTENSIONS: Readonly<Record<string, SubmissionKind>> = {
  '.xlsx': 'xlsx',
  '.docx': 'docx',
  '.json': 'json',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
};

/** Static files (the add-in, the web pages) by extension, as the local stack and the CDN serve them. */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.b64': 'text/plain; charset=utf-8',
  '.xlsx': MEDIA.xlsx,
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The Content-Type of a static file by its name (application/octet-stream when unknown). */
export function staticContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 && STATIC_CONTENT_TYPES[fileName.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
