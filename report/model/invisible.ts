/**
 * Invisible and direction-control characters: zero-width spaces and joiners, direction marks, embeddings,
 * overrides and isolates, a BOM inside text (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF,
 * U+061C). They change how text is shown — an override makes a name read backwards — without being seen. Readers
 * remove them (TEXT-INVISIBLE says where they were); the renderer drops any that older stored reports still hold.
 */
export const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The text without invisible and direction-control characters. */
export function dropInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
