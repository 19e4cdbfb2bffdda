/**
 * JSON from outside, bounded in nesting before it is parsed: JSON.parse takes seconds on a few MB of `[[[[…` (and
 * anything that walks the result recursively overflows the stack), so the text is measured first, in one pass.
 */

/** The deepest nesting of arrays and objects accepted (a report is 3 deep, a submission's envelope 4). */
export const MAX_JSON_DEPTH = 16;

/** Whether JSON text nests arrays and objects deeper than `limit` (brackets inside strings do not count). */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string, escapes included.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; tooDeep: boolean; message: string };

/** Parses JSON text nested at most MAX_JSON_DEPTH deep. */
export function parseJsonBounded(text: string, limit = MAX_JSON_DEPTH): JsonOutcome {
  if (jsonTooDeep(text, limit)) return { ok: false, tooDeep: true, message: `nested deeper than ${limit}` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, tooDeep: false, message: (e as Error).message };
  }
}
