/**
 * A tiny evaluator for the spreadsheet expressions the template's conditional formats use (AND, COUNT, COUNTA, SUM,
 * ABS, ISTEXT, + - > = <>), with Excel's semantics for references (SUM and COUNT skip text and blanks, COUNTA counts
 * every non-blank). Lets a test check that the formulas flag exactly what the rule engine flags.
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

const TOKEN = /\s*(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z]+(?=\()|\d+(?:\.\d+)?(?:E-?\d+)?|<>|[(),=<>+-])/y;

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
    if (op !== '>' && op !== '<' && op !== '=' && op !== '<>') return v;
    take();
    return { t: 'bin', op, a: v, b: additive() };
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

function call(name: string, args: Value[]): Scalar {
  switch (name) {
    case 'AND':
      return args.every((a) => Boolean(Array.isArray(a) ? a[0] : a));
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
      return call(
        n.name,
        n.args.map((a) => ev(a, cell)),
      );
    case 'bin': {
      const a = num(ev(n.a, cell));
      const b = num(ev(n.b, cell));
      switch (n.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '>':
          return a > b;
        case '<':
          return a < b;
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
  const result = ev(root, cell);
  return Array.isArray(result) ? (result[0] ?? null) : result;
}
