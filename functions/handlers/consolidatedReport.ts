/**
 * GET /review/{year}/consolidated[?office=ID][&scope=departments|all][&format=json|xlsx] — the office's consolidated
 * 本级政府 report: tables 二, 三, 四 summed over the accepted reports of the agencies it covers (the office's
 * setting, or `scope`), with a draft of the figures' sentences; the agencies included and those missing named. JSON
 * with the findings, or the official workbook (report/workbook/template.ts).
 */
import { CONSOLIDATE_WORDS, type ConsolidationScope } from '../../contract/registry';
import { MEDIA } from '../../contract/media';
import { validate } from '../../report/rules';
import { withAddresses, workbookLayout } from '../../report/workbook/layout';
import { FORMATS } from '../../report/format';
import { officeOf } from '../access';
import { requirePrincipal } from '../http/auth';
import { HttpError } from '../http/errors';
import { apiHandler } from '../http/handler';
import { parseAgency, parseYear, query } from '../http/request';
import { bytes, json } from '../http/response';
import { consolidatedReport } from '../review/consolidation';
import { agencyRecord } from '../store';

export const handler = apiHandler('consolidatedReport', async (event) => {
  const principal = requirePrincipal(event);
  const year = parseYear(event.pathParameters?.year);
  const requested = query(event, 'office');
  const office = officeOf(principal, requested === undefined ? undefined : parseAgency(requested));
  const scopeText = query(event, 'scope');
  const scope: ConsolidationScope | undefined = scopeText === undefined ? undefined : CONSOLIDATE_WORDS[scopeText];
  if (scopeText !== undefined && !scope)
    throw new HttpError('E-PARAM-INVALID', { zh: 'scope 应为 departments 或 all', en: 'scope: departments or all' });
  const format = query(event, 'format') ?? 'json';
  if (format !== 'json' && format !== 'xlsx')
    throw new HttpError('E-PARAM-INVALID', { zh: 'format 应为 json 或 xlsx', en: 'format: json or xlsx' });
  const record = await agencyRecord(office);
  if (!record || record.kind !== '政府')
    throw new HttpError('E-NOT-FOUND', {
      zh: `${office} 不是登记的审核机关`,
      en: `${office} is not a registered office`,
    });
  const c = await consolidatedReport(record, year, scope);
  if (format === 'xlsx') {
    // exceljs is loaded for the workbook alone: the JSON answer (the desk's) never initialises it.
    const { writeWorkbook } = await import('../../report/workbook/template');
    return bytes(await writeWorkbook({ report: c.report }), MEDIA.xlsx, `nianbao-consolidated-${office}-${year}.xlsx`);
  }
  const findings = withAddresses(validate(c.report), workbookLayout(FORMATS[c.report.format]));
  return json(200, {
    office,
    officeName: record.name,
    year,
    scope: c.scope,
    included: c.included,
    missing: c.missing,
    report: c.report,
    findings,
  });
});
