/** POST /reports — submit a report (JSON, xlsx, or a published report's text/HTML). See functions/submission. */
import { apiHandler } from '../http/handler';
import { submit } from '../submission/submit';

export const handler = apiHandler('submitReport', submit);
