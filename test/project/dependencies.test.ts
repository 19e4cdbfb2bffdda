/**
 * Every dependency in package.json is used: imported or required by the code, run by an npm script, named by a
 * config file, the types of a package the code uses, or the peer of one that is. An unused one is removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const SKIP = new Set(['node_modules', '.git', 'dist', 'cdk.out', '.data', '.certs', 'coverage', 'tmp']);

function sources(dir = '', out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.startsWith('cdk.out')) continue;
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) sources(path, out);
    else if (/\.(ts|tsx|js|cjs|mjs)$/.test(e.name) || e.name === 'tsconfig.json') out.push(path);
  }
  return out;
}

/** `@scope/name/deep/path` → `@scope/name`; `name/deep` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function usedPackages(): Set<string> {
  const used = new Set<string>();
  const patterns = [
    /\bfrom\s+'([^'.][^']*)'/g,
    /\bimport\s+'([^'.][^']*)'/g,
    /\b(?:import|require|require\.resolve)\(\s*'([^'.][^']*)'\s*\)/g,
    /\/\/\/\s*<reference types="([^"]+)"/g,
    /\[\s*'(@?[\w-]+(?:\/[\w-]+)?)',\s*\{/g, // jest transform: ['@swc/jest', {…}]
  ];
  for (const file of sources()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) used.add(packageOf(m[1]!));
    for (const m of text.matchAll(/@jest-environment\s+([\w-]+)/g)) used.add(`jest-environment-${m[1]}`);
    if (file === 'tsconfig.json')
      for (const t of (JSON.parse(text) as { compilerOptions: { types?: string[] } }).compilerOptions.types ?? [])
        used.add(`@types/${t}`);
  }
  for (const m of implied(used)) used.add(m);
  // Commands the npm scripts run (the first word of each step), as packages.
  for (const script of Object.values(pkg.scripts))
    for (const step of script.split(/&&|\|\|/)) {
      const bin = step.trim().split(/\s+/)[0]!;
      used.add(bin === 'tsc' ? 'typescript' : bin);
    }
  return used;
}

/** Types packages for what is used, and the peers of what is used (their hosts need them installed). */
function implied(used: Set<string>): string[] {
  const extra: string[] = [];
  for (const name of used) {
    extra.push(`@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`);
    try {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        peerDependencies?: Record<string, string>;
      };
      extra.push(...Object.keys(manifest.peerDependencies ?? {}));
    } catch {
      // not an installed package (a Node built-in such as node:fs, or a relative name)
    }
  }
  return extra;
}

describe('dependencies', () => {
  it('every dependency and devDependency is used', () => {
    const used = usedPackages();
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(declared.filter((d) => !used.has(d))).toEqual([]);
  });

  it('what the code imports from a package is declared (no reliance on a transitive install)', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const imported = new Set<string>();
    for (const file of sources().filter((f) => !f.endsWith('.json'))) {
      const src = readFileSync(join(ROOT, file), 'utf8');
      for (const m of src.matchAll(/\bfrom\s+'([^'.][^']*)'/g)) imported.add(packageOf(m[1]!));
    }
    const builtin = new Set(builtinModules);
    const undeclared = [...imported].filter(
      (p) => !p.startsWith('node:') && !builtin.has(p) && !declared.has(p) && !declared.has(`@types/${p}`),
    );
    expect(undeclared).toEqual([]);
  });
});
