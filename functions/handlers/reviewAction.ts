/**
 * The review transitions (one function for the three routes):
 *   POST /reports/{agency}/{year}/return {reason, comments?: [{cell, comment}], version?} — its office returns it;
 *   POST /reports/{agency}/{year}/accept {version?} — its office accepts it (通过; public then if it publishes on 通过);
 *   POST /reports/{agency}/{year}/nothing-to-report {reason} — the agency (or its office) files that it has nothing
 *   to report for the year (kept apart from not submitted).
 */
import type { ReviewAction } from '../../contract/review';
import { requirePrincipal } from '../http/auth';
import { apiHandler } from '../http/handler';
import { reviewAction } from '../review/actions';

const ACTIONS: Readonly<Record<string, ReviewAction>> = {
  return: 'return',
  accept: 'accept',
  'nothing-to-report': 'nothing',
};

export const handler = apiHandler('reviewAction', async (event) => {
  const principal = requirePrincipal(event);
  const last = event.routeKey.split('/').pop() ?? '';
  const action = ACTIONS[last];
  if (!action) throw new Error(`reviewAction: no action for ${event.routeKey}`);
  return reviewAction(event, principal, action);
});
