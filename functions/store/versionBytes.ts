/**
 * The stored bytes of a new version: its report with the findings and the upload as sent, each gzipped (blobs.ts),
 * held in the version item itself while they fit, else in blob parts. Packing is CPU only and needs nothing stored,
 * so a submission does it while its Idempotency-Key claim is on its way; the parts are written only once the claim
 * is its own (placeVersionBytes), before the version item that refers to them.
 */
import { pack, putParts, type BlobRef, type Packed } from './blobs';
import { INLINE } from './table';
import type { NewVersion, VersionContent } from './versions';

/**
 * A version item with everything inline stays this small (DynamoDB's limit is 400 KB including attribute names and
 * keys), so a version is one item unless its upload is unusually large.
 */
export const INLINE_ITEM_BYTES = 350 * 1024;
/** Room kept for keys, index keys, blob references and attribute names beyond the metadata's JSON size. */
const ITEM_OVERHEAD_BYTES = 2 * 1024;

/** A version's bytes compressed, each marked for the item (inline) or for blob parts. */
export interface PackedVersion {
  readonly content: Packed;
  readonly original: Packed;
  readonly inlineContent: boolean;
  readonly inlineOriginal: boolean;
}

/**
 * Compresses the report and the upload and decides where each goes: inline while the item stays within its size.
 * `packedOriginal`: the upload as pack() made it already (it needs no judgement: compressed while the reads were out).
 */
export async function packVersion(
  v: NewVersion,
  original: Uint8Array,
  content: VersionContent,
  packedOriginal: Promise<Packed> = pack(original),
): Promise<PackedVersion> {
  const packedContent = await pack(Buffer.from(JSON.stringify(content), 'utf8'));
  const originalPacked = await packedOriginal;
  if (originalPacked.bytes !== original.length) throw new Error('packVersion: packedOriginal is of other bytes');
  // The metadata, and the time it will be given (24 characters).
  let room = INLINE_ITEM_BYTES - ITEM_OVERHEAD_BYTES - Buffer.byteLength(JSON.stringify(v), 'utf8') - 64;
  const fits = (p: Packed) => {
    if (p.gz.length > room) return false;
    room -= p.gz.length;
    return true;
  };
  // The report first: every read wants it.
  const inlineContent = fits(packedContent);
  const inlineOriginal = fits(originalPacked);
  return { content: packedContent, original: originalPacked, inlineContent, inlineOriginal };
}

const inlineRef = (p: Packed): BlobRef => ({ sha256: p.sha256, bytes: p.bytes, parts: 0 });

/** Writes what does not fit as blob parts of the partition `pk`: the references, and the attributes held inline. */
export async function placeVersionBytes(pk: string, p: PackedVersion) {
  const [content, original] = await Promise.all([
    p.inlineContent ? inlineRef(p.content) : putParts(pk, p.content),
    p.inlineOriginal ? inlineRef(p.original) : putParts(pk, p.original),
  ]);
  return {
    content,
    original,
    inline: {
      ...(p.inlineContent ? { [INLINE.content]: p.content.gz } : {}),
      ...(p.inlineOriginal ? { [INLINE.original]: p.original.gz } : {}),
    },
  };
}
