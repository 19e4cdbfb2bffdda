/**
 * A tiny evaluator for the spreadsheet expressions the template's conditional formats use (AND, OR, IF, COUNT, COUNTA,
 * SUM, ABS, INT, ROUND, ISTEXT, ISNUMBER, NA, + - > >= < <= = <>), with Excel's semantics for references (SUM and COUNT
 * skip text and blanks, COUNTA counts every non-blank), for errors (INT of text is #VALUE!, which spreads; a
 * conditional format whose formula is an error colours nothing) and IF evaluating only the branch it takes. Lets a
 * test check that the formulas flag exactly what the rule engine flags.
 */
export type Scalar = number | string | boolean | null;
type Value = Scalar | Scalar[];

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `D5:F6` → D5 E5 F5 D6 E6 F6 (addresses without `$`). */
export function expandRange(ref: string): string[] {
  const [a, b = a] = ref.replace(/\$/g, '').split(':') as [string, string?];
  const pa = /^([A-Z]+)(\d+)$/.exec(a)!;
  const pb = /^([A-Z]+)(\d+)$/.exec(b!)!;
  const out: string[] = [];
  for (let r = Number(pa[2]); r <= Number(pb[2]); r++) {
    for (let c = columnNumber(pa[1]!); c <= columnNumber(pb[1]!); c++) out.push(`${letters(c)}${r}`);
  }
  return out;
}

const TOKEN = /\s*(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z]+(?=\()|\d+(?:\.\d+)?(?:E-?\d+)?|<>|>=|<=|[(),=<>+-])/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`cannot read formula at ${TOKEN.lastIndex}: ${src}`);
    out.push(m[1]!);
  }
  return out;
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'ref'; cells: string[] }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'bin'; op: string; a: Node; b: Node };

function parse(formula: string): Node {
  const tokens = tokenize(formula);
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const tok = tokens[i++];
    if (t !== undefined && tok !== t) throw new Error(`expected ${t}, got ${tok} in ${formula}`);
    return tok!;
  };
  const primary = (): Node => {
    const t = take();
    if (/^[A-Z]+$/.test(t) && peek() === '(') {
      take('(');
      const args: Node[] = [];
      while (peek() !== ')') {
        args.push(comparison());
        if (peek() === ',') take(',');
      }
      take(')');
      return { t: 'call', name: t, args };
    }
    if (/^\$?[A-Z]+\$?\d+/.test(t)) return { t: 'ref', cells: expandRange(t) };
    if (t === '(') {
      const v = comparison();
      take(')');
      return v;
    }
    return { t: 'num', v: Number(t) };
  };
  const additive = (): Node => {
    let v = primary();
    while (peek() === '+' || peek() === '-') v = { t: 'bin', op: take(), a: v, b: primary() };
    return v;
  };
  const comparison = (): Node => {
    const v = additive();
    const op = peek();
    if (!['>', '<', '>=', '<=', '=', '<>'].includes(op!)) return v;
    take();
    return { t: 'bin', op: op!, a: v, b: additive() };
  };
  const root = comparison();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return root;
}

const parsed = new Map<string, Node>();

function flat(args: Value[]): Scalar[] {
  const out: Scalar[] = [];
  for (const a of args) {
    if (Array.isArray(a)) for (const v of a) out.push(v);
    else out.push(a);
  }
  return out;
}

function num(v: Value): number {
  if (Array.isArray(v)) return num(v[0] ?? null);
  return typeof v === 'number' ? v : v === null ? 0 : typeof v === 'boolean' ? Number(v) : NaN;
}

/** A spreadsheet error value (#VALUE!): any function or operator given one gives one. */
class FormulaError extends Error {}

function numeric(v: Value): number {
  const n = num(v);
  if (Number.isNaN(n)) throw new FormulaError('#VALUE!');
  return n;
}

function call(name: string, args: Value[]): Scalar {
  const first = (a: Value) => (Array.isArray(a) ? a[0] : a);
  switch (name) {
    case 'AND':
      return args.every((a) => Boolean(first(a)));
    case 'OR':
      return args.some((a) => Boolean(first(a)));
    case 'INT':
      return Math.floor(numeric(args[0]!));
    case 'ROUND': {
      const p = 10 ** numeric(args[1]!);
      const x = numeric(args[0]!);
      return (Math.sign(x) * Math.round(Math.abs(x) * p)) / p;
    }
    case 'ISNUMBER':
      return typeof flat(args)[0] === 'number';
    case 'COUNT':
      return flat(args).filter((v) => typeof v === 'number').length;
    case 'COUNTA':
      return flat(args).filter((v) => v !== null).length;
    case 'SUM':
      return flat(args).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    case 'ABS':
      return Math.abs(num(args[0]!));
    case 'ISTEXT':
      return typeof flat(args)[0] === 'string';
    case 'NA':
      throw new FormulaError('#N/A');
    default:
      throw new Error(`unknown function ${name}`);
  }
}

function ev(n: Node, cell: (address: string) => Scalar): Value {
  switch (n.t) {
    case 'num':
      return n.v;
    case 'ref':
      return n.cells.map(cell);
    case 'call':
      if (n.name === 'IF') {
        const test = ev(n.args[0]!, cell);
        return ev(n.args[(Array.isArray(test) ? test[0] : test) ? 1 : 2]!, cell);
      }
      return call(
        n.name,
        n.args.map((a) => ev(a, cell)),
      );
    case 'bin': {
      const [va, vb] = [ev(n.a, cell), ev(n.b, cell)];
      // Comparing text with a number is no error in Excel (text is greater); here it is one, so a formula that
      // relied on it would show in the tests.
      const a = numeric(va);
      const b = numeric(vb);
      switch (n.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '>':
          return a > b;
        case '<':
          return a < b;
        case '>=':
          return a >= b;
        case '<=':
          return a <= b;
        case '=':
          return a === b;
        default:
          return a !== b;
      }
    }
  }
}

/** Evaluates a formula; `cell` gives the value of an address (blank: null). */
export function evaluate(formula: string, cell: (address: string) => Scalar): Scalar {
  let root = parsed.get(formula);
  if (!root) parsed.set(formula, (root = parse(formula)));
  let result: Value;
  try {
    result = ev(root, cell);
  } catch (e) {
    if (e instanceof FormulaError) return e.message;
    throw e;
  }
  return Array.isArray(result) ? (result[0] ?? null) : result;
}
