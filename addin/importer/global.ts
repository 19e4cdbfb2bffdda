/** The global the importer's bundle (./entry.ts) sets when it loads: the pane reads it without bundling the importer. */
export const IMPORTER_GLOBAL = 'nianbaoImporter';
