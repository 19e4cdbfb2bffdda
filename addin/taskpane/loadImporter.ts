/** Loads the importer's bundle (addin/importer) with a script tag, once, when a person first picks a file. */
import { IMPORTER_GLOBAL } from '../importer/global';
import type { PreviousImporter } from '../importer/reader';

let loading: Promise<PreviousImporter> | undefined;

export function loadImporterScript(src: string): Promise<PreviousImporter> {
  loading ??= new Promise<PreviousImporter>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => {
      const found = (globalThis as unknown as Record<string, PreviousImporter | undefined>)[IMPORTER_GLOBAL];
      if (found) resolve(found);
      else reject(new Error(`${src}: no importer`));
    };
    script.onerror = () => reject(new Error(`${src}: not loaded`));
    document.head.appendChild(script);
  }).catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
