/**
 * A published page → lines and tables. Block elements (<p>, <div>, headings, <br>) make lines; a <table> without
 * tables inside is a data table (each row's cell texts); one with tables inside is layout and is read through.
 * Spans need no expanding: a spanned cell appears once, in reading order, where the labels find it. Navigation,
 * scripts and the like are skipped; the page's <title> is kept as a hint for the report's title.
 */
import { Parser } from 'htmlparser2';
import { isToolsLine, type Item } from './document';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = El | string;

/**
 * Inline formatting adds nothing to the structure, so its text goes straight into its block: old pages leave
 * thousands of <font> unclosed, and the tree stays shallow. Beyond MAX_DEPTH anything is flattened likewise.
 */
const TRANSPARENT = new Set([
  'font',
  'span',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'a',
  'small',
  'big',
  'sup',
  'sub',
  's',
  'strike',
  'label',
  'abbr',
  'mark',
  'ins',
  'del',
  'nobr',
  'o:p',
]);
const MAX_DEPTH = 200;
const LINE_BREAK: El = { name: 'br', attrs: {}, children: [] };

/** Parses into a small tree; htmlparser2 closes what the page leaves open (<p>, <td>, <tr>). */
function parseTree(html: string): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  // Open tags by name, and the element each one's content goes into (its ancestor's, beyond MAX_DEPTH).
  const names: string[] = ['#root'];
  const into: El[] = [root];
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = into[into.length - 1]!;
        const n = name.toLowerCase();
        names.push(n);
        if (depth < MAX_DEPTH && !(TRANSPARENT.has(n) && !furnitureAttrs(attrs))) {
          const el: El = { name: name.toLowerCase(), attrs, children: [] };
          parent.children.push(el);
          into.push(el);
          depth++;
        } else {
          // A flattened block still breaks the line.
          if (BLOCK.has(n) || n === 'br') parent.children.push(LINE_BREAK);
          into.push(parent);
        }
      },
      ontext(text) {
        into[into.length - 1]!.children.push(text);
      },
      onclosetag(name) {
        const at = names.lastIndexOf(name.toLowerCase());
        if (at <= 0) return;
        for (let i = names.length - 1; i >= at; i--) {
          if (into[i] !== into[i - 1]) depth--;
          else if (BLOCK.has(names[i]!)) into[i]!.children.push(LINE_BREAK);
        }
        names.length = at;
        into.length = at;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return root;
}

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'select',
  'button',
  'nav',
  'footer',
  'aside',
  'form',
  'head',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'center',
  'hr',
  'tr',
  'td',
  'th',
  'caption',
  'tbody',
  'thead',
  'tfoot',
  'body',
  'html',
  'address',
  'figure',
  'figcaption',
]);
/** Page furniture by class or id: navigation, breadcrumbs, footers, share bars. */
const FURNITURE =
  /(^|[\s_-])(footer|foot|nav|navbar|menu|breadcrumbs?|crumbs?|share|sidebar|topbar|copyright|position|location)([\s_-]|$)/i;

function furnitureAttrs(attrs: Record<string, string>): boolean {
  return FURNITURE.test(attrs.class ?? '') || FURNITURE.test(attrs.id ?? '');
}

function isFurniture(el: El): boolean {
  return furnitureAttrs(el.attrs);
}

function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  if (SKIP.has(node.name)) return '';
  const inner = node.children.map(textOf).join('');
  return node.name === 'br' || BLOCK.has(node.name) ? ` ${inner} ` : inner;
}

function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f\v\u00a0]+/g, ' ').trim();
}

function hasTable(el: El): boolean {
  return el.children.some((c) => typeof c !== 'string' && (c.name === 'table' || hasTable(c)));
}

/** The rows of a data table: <tr> in document order (through thead/tbody/tfoot), their <td>/<th> texts. */
function tableRows(table: El): string[][] {
  const rows: string[][] = [];
  const visit = (el: El) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'tr') {
        rows.push(
          c.children
            .filter((x): x is El => typeof x !== 'string' && (x.name === 'td' || x.name === 'th'))
            .map((td) => collapse(textOf(td))),
        );
      } else if (!SKIP.has(c.name)) visit(c);
    }
  };
  visit(table);
  return rows;
}

export interface HtmlDocument {
  items: Item[];
  /** The page's <title>. */
  title?: string;
}

export function htmlItems(html: string): HtmlDocument {
  const root = parseTree(html);
  const items: Item[] = [];
  let title: string | undefined;
  let line = '';
  const flush = () => {
    const text = collapse(line);
    if (text !== '' && !isToolsLine(text)) items.push({ kind: 'line', text });
    line = '';
  };
  const walk = (node: Node) => {
    if (typeof node === 'string') {
      line += node;
      return;
    }
    if (node.name === 'title') return;
    if (SKIP.has(node.name) || isFurniture(node)) return;
    if (node.name === 'table' && !hasTable(node)) {
      flush();
      items.push({ kind: 'table', rows: tableRows(node) });
      return;
    }
    if (node.name === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(node.name) || node.name === 'table';
    if (block) flush();
    for (const c of node.children) walk(c);
    if (block) flush();
  };
  // <head> is skipped, but its <title> is wanted.
  const findTitle = (el: El) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'title') title ??= collapse(c.children.map(textOf).join(''));
      else if (c.name === 'head' || c.name === 'html') findTitle(c);
    }
  };
  findTitle(root);
  walk(root);
  flush();
  return { items, ...(title ? { title } : {}) };
}

/** Whether input looks like HTML rather than the flattened text (which may hold `<…>` in Chinese, never tags). */
export function looksLikeHtml(input: string): boolean {
  return /<\s*(!doctype|html|head|body|table|tr|td|th|p|div|br|span|h[1-6]|meta|title|section|article)\b[^>]*>/i.test(
    input.slice(0, 200_000),
  );
}
