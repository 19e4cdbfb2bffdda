/**
 * Wraps a route's logic: errors thrown as HttpError become their bilingual answer, anything else a logged 500;
 * one log line per request (route, status, time; never bodies or tokens).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { ApiEvent, ApiHandler, ApiResult } from './api';
import { HttpError } from './errors';
import { errorPage, errorResult } from './response';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nianbao' });

export interface HandlerOptions {
  /** Public HTML routes answer errors with a page, not JSON. */
  readonly htmlErrors?: boolean;
}

export function apiHandler(
  name: string,
  fn: (event: ApiEvent) => Promise<ApiResult>,
  opts: HandlerOptions = {},
): ApiHandler {
  return async (event) => {
    const started = Date.now();
    let result: ApiResult;
    try {
      result = await fn(event);
    } catch (err) {
      if (err instanceof HttpError) {
        result = opts.htmlErrors
          ? errorPage(err.code, err.detail)
          : errorResult(err.code, err.detail, err.extra, err.headers);
      } else {
        logger.error('unhandled error', {
          handler: name,
          requestId: event.requestContext?.requestId,
          error: err as Error,
        });
        result = opts.htmlErrors ? errorPage('E-INTERNAL') : errorResult('E-INTERNAL');
      }
    }
    logger.info('request', {
      handler: name,
      routeKey: event.routeKey,
      status: result.statusCode,
      ms: Date.now() - started,
      requestId: event.requestContext?.requestId,
    });
    return result;
  };
}
