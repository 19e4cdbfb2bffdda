/**
 * POST /agencies — administrators: load the agency registry from a CSV (text/csv; UTF-8, or the charset the
 * Content-Type names). Every row is checked before anything is written: one fault → 422 with every faulty line,
 * nothing imported. The same file again changes nothing.
 */
import { MEDIA } from '../../contract/media';
import { requireAdmin } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { decodeText, mediaType, readBody } from '../http/request';
import { json } from '../http/response';
import { importRegistry } from '../store';

/** How many faulty lines an answer lists (a file with a wrong column has one per row). */
const MAX_LISTED = 100;

export const handler = apiHandler('agencyImport', async (event) => {
  requireAdmin(event);
  const type = mediaType(event);
  if (type.type !== MEDIA.csv && type.type !== MEDIA.text)
    throw new HttpError('E-CONTENT-TYPE', {
      zh: `${type.type || '（未注明）'}，应为 text/csv`,
      en: `${type.type || '(none)'}; send text/csv`,
    });
  const text = decodeText(readBody(event), type.charset);
  const outcome = await importRegistry(text);
  if (!outcome.ok) {
    const first = outcome.errors[0]!;
    throw new HttpError(
      'E-REGISTRY-CSV',
      {
        zh: `第 ${first.line} 行${first.column ? `「${first.column}」` : ''}：${first.message.zh}${outcome.errors.length > 1 ? `（共 ${outcome.errors.length} 处）` : ''}`,
        en: `line ${first.line}${first.column ? ` (${first.column})` : ''}: ${first.message.en}${outcome.errors.length > 1 ? ` (${outcome.errors.length} in all)` : ''}`,
      },
      { errors: outcome.errors.slice(0, MAX_LISTED), errorCount: outcome.errors.length },
    );
  }
  return json(200, outcome.answer);
});
