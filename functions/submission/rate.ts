/**
 * The submission rate limit: at most `versions` new versions of one report within any `windowSeconds`, counted from
 * the storing times of its latest versions (read from its own partition beside last year's report). A request over it
 * is answered 429 with when to try again; it stores no version and releases the claim of its key: it locks nothing.
 */
import { clockInChina, type SubmissionRate } from '../../contract/limits';
import { HttpError } from '../http/errors';

/** When the next version may be stored (epoch ms), or undefined when it may be now. */
export function nextAllowed(recent: readonly number[], now: number, rate: SubmissionRate): number | undefined {
  const windowMs = rate.windowSeconds * 1000;
  const inWindow = recent.filter((t) => typeof t === 'number' && t > now - windowMs).sort((a, b) => a - b);
  if (inWindow.length < rate.versions) return undefined;
  // Allowed again once all but versions − 1 of them have left the window.
  return inWindow[inWindow.length - rate.versions]! + windowMs;
}

function waitText(seconds: number): { zh: string; en: string } {
  if (seconds < 90) return { zh: `${seconds} 秒后`, en: `in ${seconds} s` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `约 ${minutes} 分钟后`, en: `in about ${minutes} minutes` };
}

/** The 429 for a request made at `now` that may be made again at `retryAt`. */
export function rateLimitError(retryAt: number, now: number, rate: SubmissionRate): HttpError {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  const at = new Date(now + seconds * 1000);
  const wait = waitText(seconds);
  const windowMinutes = rate.windowSeconds % 60 === 0 ? `${rate.windowSeconds / 60} 分钟` : `${rate.windowSeconds} 秒`;
  const windowEn =
    rate.windowSeconds % 60 === 0 ? `${rate.windowSeconds / 60} minutes` : `${rate.windowSeconds} seconds`;
  return new HttpError(
    'E-RATE-LIMIT',
    {
      zh: `${windowMinutes}内最多接收 ${rate.versions} 个新版本。请于北京时间 ${clockInChina(at.getTime())}（${wait.zh}）再试；已存的版本不受影响`,
      en: `at most ${rate.versions} new versions within ${windowEn}. Try again at ${at.toISOString().slice(11, 19)} UTC (${wait.en}); the versions stored are not affected`,
    },
    { retryAfterSeconds: seconds, retryAt: at.toISOString(), limit: rate },
    { 'retry-after': String(seconds) },
  );
}
