/** The pane's React context: the controller, the submission flow and the language, plus the hooks that read them. */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { PaneController } from './controller';
import { say, t, type Lang, type Message, type StringKey } from './i18n';
import type { PaneState } from './state';
import type { SubmitFlow } from './submission';

export interface PaneContextValue {
  readonly pane: PaneController;
  readonly submission: SubmitFlow;
  readonly lang: Lang;
}

export const PaneContext = createContext<PaneContextValue | null>(null);

export function usePaneContext(): PaneContextValue {
  const v = useContext(PaneContext);
  if (!v) throw new Error('PaneContext missing');
  return v;
}

/** The pane's state snapshot; re-renders when it changes. */
export function usePaneState(): PaneState {
  const { pane } = usePaneContext();
  return useSyncExternalStore(pane.store.subscribe, pane.store.get, pane.store.get);
}

/** The translator for the pane's language: tr('key', vars) and msg(message). */
export function useTr(): {
  lang: Lang;
  tr: (key: StringKey, vars?: Record<string, string | number>) => string;
  msg: (m: Message) => string;
} {
  const { lang } = usePaneContext();
  const tr = useCallback((key: StringKey, vars?: Record<string, string | number>) => t(lang, key, vars), [lang]);
  const msg = useCallback((m: Message) => say(lang, m), [lang]);
  return { lang, tr, msg };
}
