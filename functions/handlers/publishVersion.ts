/** POST /reports/{agency}/{year}/versions/{version}/publish — admins: make this version the public one. */
import { decide } from '../decide';
import { apiHandler } from '../http/handler';

export const handler = apiHandler('publishVersion', (event) => decide(event, 'publish'));
