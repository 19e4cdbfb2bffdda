/**
 * The borders between the project's top-level folders (docs/architecture.md): which folder may import which. Data
 * flows one way — report/ and contract/ import nothing of the project; the add-in and the web pages talk to the
 * functions over HTTP only; functions/ holds only what runs in Lambda. Checked on every relative import, export
 * and require(), so a new file cannot cross a border unnoticed.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/** Each folder and the folders it may import from (besides itself). Folders not listed are not checked. */
export const BORDERS = {
  report: [],
  contract: [],
  addin: ['contract', 'report'],
  web: ['contract', 'report', 'addin'],
  functions: ['contract', 'report'],
  build: ['contract', 'report'],
  dev: ['functions', 'build', 'contract', 'report'],
  infra: ['functions', 'build', 'contract', 'report'],
  cli: ['dev', 'contract', 'report'],
  harness: ['dev', 'build', 'contract', 'report'],
  bench: ['harness', 'dev', 'build', 'functions', 'infra', 'addin', 'cli', 'contract', 'report'],
};

const topOf = (absPath) => relative(ROOT, absPath).split(/[\\/]/)[0];

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports cross only the borders of docs/architecture.md' },
    messages: {
      border:
        '{{from}}/ must not import {{to}}/ ({{spec}}): {{from}}/ may use only {{allowed}}. See docs/architecture.md.',
      package: 'contract/ depends on nothing, not even packages ({{spec}}): both sides of the API import it.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = topOf(resolve(file));
    const allowed = BORDERS[from];
    if (!allowed) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        if (from === 'contract') context.report({ node, messageId: 'package', data: { spec } });
        return;
      }
      const to = topOf(resolve(dirname(file), spec));
      if (to === from || allowed.includes(to) || !(to in BORDERS || ['test'].includes(to))) return;
      context.report({
        node,
        messageId: 'border',
        data: { from, to, spec, allowed: [from, ...allowed].map((f) => `${f}/`).join(', ') },
      });
    };
    const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);
    return {
      ImportDeclaration: (n) => check(n, literal(n.source)),
      ExportNamedDeclaration: (n) => n.source && check(n, literal(n.source)),
      ExportAllDeclaration: (n) => check(n, literal(n.source)),
      ImportExpression: (n) => check(n, literal(n.source)),
      TSImportType: (n) => check(n, literal(n.argument?.literal ?? n.argument)),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, literal(n.arguments[0]));
      },
    };
  },
};

export default { rules: { borders: rule } };
