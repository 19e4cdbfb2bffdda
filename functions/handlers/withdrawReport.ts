/** POST /reports/{agency}/{year}/withdraw — admins: take the published report down (until a newer version). */
import { decide } from '../decide';
import { apiHandler } from '../http/handler';

export const handler = apiHandler('withdrawReport', (event) => decide(event, 'withdraw'));
