/** The importer's own bundle (see ./reader.ts): hands the pane its functions through one global. */
import { IMPORTER_GLOBAL } from './global';
import { previousImporter } from './reader';

(globalThis as unknown as Record<string, unknown>)[IMPORTER_GLOBAL] = previousImporter;
