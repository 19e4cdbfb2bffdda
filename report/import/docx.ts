/** Word documents (.docx): not yet. */
import type { Item } from './document';

export function docxItems(_bytes: Uint8Array): Item[] {
  return [];
}
