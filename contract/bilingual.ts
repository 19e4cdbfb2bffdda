/** Every message that reaches a person comes in Chinese first and English second. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}
