/** Prose against tables (TEXT-*): counted claims and statements extracted from the sections' text. */
import type { CheckRule } from '../types';
import { TEXT_CATEGORY } from './categoryRule';
import { TEXT_CLAIM } from './claimRule';
import { TEXT_COUNT, TEXT_UNIT } from './countRules';
import { TEXT_FEE } from './feeRule';

export { TEXT_CATEGORY, TEXT_CLAIM, TEXT_COUNT, TEXT_FEE, TEXT_UNIT };
export { analyseProse, type Claim, type ProseAnalysis } from './extract';
export { parseChineseNumeral } from './numerals';

/** In the order of docs/domain/RULES.md. */
export const TEXT_RULES: readonly CheckRule[] = [TEXT_COUNT, TEXT_CLAIM, TEXT_CATEGORY, TEXT_UNIT, TEXT_FEE];
