/** The ribbon's function file: the 年报 button only opens the task pane, so there is nothing to register. */
Office.onReady(() => undefined);
