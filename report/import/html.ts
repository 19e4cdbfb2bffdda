/**
 * A published page → lines and tables. Block elements (<p>, <div>, headings, <br>) make lines; a <table> without
 * tables inside is a data table (each row's cell texts); one with tables inside is layout and is read through.
 * Spans need no expanding: a spanned cell appears once, in reading order, where the labels find it. Navigation,
 * scripts and the like are skipped; the page's <title> is kept as a hint for the report's title. The tree is built
 * in linear time (./htmlTree).
 */
import { isToolsLine, type Item } from './document';
import { BLOCK, parseTree, type El, type Node } from './htmlTree';
import { checkSize } from './limits';

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
  checkSize(html);
  const root = parseTree(html, (_name, attrs) => furnitureAttrs(attrs));
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
