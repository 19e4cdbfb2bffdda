/** The central repository's store (DynamoDB, single table): see table.ts for the design. */
export * from './table';
export { table, isConditionFailed, projection, observeWrites, type ObservedWrite } from './client';
export * from './blobs';
export * from './versions';
export { INLINE_ITEM_BYTES, packVersion, type PackedVersion } from './versionBytes';
export * from './publication';
export * from './idempotency';
export * from './agencies';
export * from './registry';
export * from './reviews';
export * from './public';
export { agenciesOfYear } from './yearIndex';
export { AppendContentionError, WriteOutcomeUnknownError } from './append';
export * from './knownAgencies';
export * from './reportEnds';
