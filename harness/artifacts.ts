/**
 * Where tests keep what a person looks at after a run (screenshots, printed PDFs): test-artifacts/<name>/ at the
 * repository's root (git-ignored; CI can upload the folder), or under $NIANBAO_ARTIFACTS when set.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function artifactsDir(name: string): string {
  const root = process.env.NIANBAO_ARTIFACTS || resolve(__dirname, '..', 'test-artifacts');
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
