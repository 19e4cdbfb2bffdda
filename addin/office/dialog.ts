/**
 * A sign-in round trip through the Office dialog API: open our own start page (same origin as the pane, as Office
 * requires), wait for the one message the callback page sends, check where it came from, close the dialog.
 */

export class DialogClosedError extends Error {
  constructor() {
    super('the sign-in window was closed');
  }
}

export class DialogFailedError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The subset of Office.UI used (tests provide it). */
export interface DialogHost {
  displayDialogAsync(
    url: string,
    options: Office.DialogOptions,
    callback: (result: Office.AsyncResult<Office.Dialog>) => void,
  ): void;
}

/** Office's code for a dialog the person closed. */
const DIALOG_CLOSED = 12006;

/**
 * Opens `url` and resolves with the first message from a page of `expectedOrigin`. Messages from any other origin
 * are ignored (DialogApi 1.2 reports the sender's origin; older hosts only deliver messages from AppDomains).
 */
export function dialogMessage(ui: DialogHost, url: string, expectedOrigin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new DialogFailedError(result.error?.code ?? 0, result.error?.message ?? 'displayDialogAsync failed'));
        return;
      }
      const dialog = result.value;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        try {
          dialog.close();
        } catch {
          // already closed by the person
        }
        fn();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        if ('error' in arg) return finish(() => reject(new DialogFailedError(arg.error, 'dialog error')));
        if (arg.origin !== undefined && arg.origin !== expectedOrigin) return;
        finish(() => resolve(arg.message));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        const code = 'error' in arg ? arg.error : 0;
        finish(() =>
          reject(code === DIALOG_CLOSED ? new DialogClosedError() : new DialogFailedError(code, 'dialog event')),
        );
      });
    });
  });
}
