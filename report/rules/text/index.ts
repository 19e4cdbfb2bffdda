/** Prose against tables (TEXT-*): counted claims extracted from the sections' text. */
import type { CheckRule } from '../types';

export const TEXT_RULES: readonly CheckRule[] = [];
