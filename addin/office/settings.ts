/**
 * Values kept with the workbook itself (Office document settings: saved in the file, so they survive closing the
 * task pane, reloading it and reopening the workbook, and travel with the file). The pane keeps its submission's
 * Idempotency-Key here.
 */

/** The subset of Office.Settings used here (tests and the fake host provide it). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: Office.AsyncResult<void>) => void): void;
}

/** Sets a value and saves the settings into the document; resolves false when the host would not save them. */
export function saveSetting(settings: DocumentSettings, name: string, value: unknown): Promise<boolean> {
  settings.set(name, value);
  return new Promise((resolve) => {
    try {
      settings.saveAsync((r) => resolve(r.status === Office.AsyncResultStatus.Succeeded));
    } catch {
      resolve(false);
    }
  });
}
