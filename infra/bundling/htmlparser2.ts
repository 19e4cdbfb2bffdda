/**
 * What the functions take from htmlparser2 — its Parser and Tokenizer — without the package's index, which also
 * re-exports domutils as a namespace (`export * as DomUtils`): esbuild cannot tree-shake a captured namespace, so
 * the index brings dom-serializer and a second copy of entities with their tables (~115 KB of a submission's bundle,
 * compiled at every cold start). The Lambda bundles alias 'htmlparser2' to this file (HANDLER_BUNDLING's esbuildArgs);
 * everything else (the CLI through tsx, jest, the dev stack) keeps the package's index, whose exports map does not
 * expose these files by name — hence the paths into the package, which only esbuild reads.
 */
export { Parser } from '../../node_modules/htmlparser2/dist/esm/Parser.js';
export { default as Tokenizer } from '../../node_modules/htmlparser2/dist/esm/Tokenizer.js';
