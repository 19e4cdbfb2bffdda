/**
 * A page's HTML as a small tree, in time linear in its length whatever its nesting: htmlparser2's tokenizer gives
 * the tags and text, and the open elements are kept here (htmlparser2's own Parser keeps its stack with
 * Array.unshift, which made 200,000 nested <div> cost 30 s). What a browser closes without being told (<p> before a
 * block, <td>, <tr>, <li>) is closed; a closing tag with no element of its name open is ignored at once. Inline
 * formatting adds nothing to the structure, so its text goes straight into its block (old pages leave thousands of
 * <font> unclosed); beyond MAX_TREE_DEPTH structure is flattened likewise, and beyond MAX_HTML_DEPTH refused.
 */
import { Tokenizer } from 'htmlparser2';
import { MAX_HTML_DEPTH, tooDeep } from './limits';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}
export type Node = El | string;

export const TRANSPARENT = new Set([
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

export const BLOCK = new Set([
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

/** Depth of the tree built; deeper structure is flattened into its ancestor (the walk over it is recursive). */
const MAX_TREE_DEPTH = 200;
export const LINE_BREAK: El = { name: 'br', attrs: {}, children: [] };

const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'link', 'meta']);
const CELLS = new Set(['td', 'th']);
const P = new Set(['p']);
/** Opening the key closes these when they are the innermost open element (as htmlparser2 and browsers do). */
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', CELLS],
  ['td', new Set(['thead', 'th', 'td'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...[...BLOCK]
    .filter((b) => !['td', 'th', 'tr', 'li', 'dd', 'dt', 'tbody', 'tfoot'].includes(b))
    .map((b) => [b, P] as [string, ReadonlySet<string>]),
  ['table', P],
  ['form', P],
]);
/** The attributes kept: the furniture test reads class and id, nothing else is used. */
const KEPT_ATTRS = new Set(['class', 'id']);

interface Open {
  readonly name: string;
  /** Where the element's content goes: its own node, or its ancestor's when flattened. */
  readonly into: El;
  /** Whether it made a node of its own. */
  readonly own: boolean;
  /** Whether it counts toward the structural depth. */
  readonly structural: boolean;
}

/** Builds the tree of a page. `keep` decides whether an inline element is kept as a node (page furniture is). */
export function parseTree(html: string, keep: (name: string, attrs: Record<string, string>) => boolean): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  let treeDepth = 0;
  let structuralDepth = 0;
  let tag = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const top = (): El => stack[stack.length - 1]?.into ?? root;
  const pop = () => {
    const o = stack.pop()!;
    openCount.set(o.name, openCount.get(o.name)! - 1);
    if (o.structural) structuralDepth--;
    if (o.own) treeDepth--;
    else if (BLOCK.has(o.name)) o.into.children.push(LINE_BREAK);
  };
  const open = (name: string, a: Record<string, string>) => {
    const implied = IMPLIES_CLOSE.get(name);
    while (implied && stack.length > 0 && implied.has(stack[stack.length - 1]!.name)) pop();
    const parent = top();
    if (VOID.has(name)) {
      if (name === 'br' || name === 'hr') parent.children.push(LINE_BREAK);
      return;
    }
    const inline = TRANSPARENT.has(name);
    const structural = !inline;
    if (structural && ++structuralDepth > MAX_HTML_DEPTH) throw tooDeep();
    const own = treeDepth < MAX_TREE_DEPTH && (!inline || keep(name, a));
    let into = parent;
    if (own) {
      into = { name, attrs: a, children: [] };
      parent.children.push(into);
      treeDepth++;
    } else if (BLOCK.has(name)) parent.children.push(LINE_BREAK);
    stack.push({ name, into, own, structural });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const close = (name: string) => {
    if (!openCount.get(name)) {
      // A </p> or </br> with nothing open still breaks the line, as browsers do.
      if (name === 'p' || name === 'br') top().children.push(LINE_BREAK);
      return;
    }
    // Each element is popped once: closing many at a time costs no more than opening them did.
    for (;;) {
      const name0 = stack[stack.length - 1]!.name;
      pop();
      if (name0 === name) break;
    }
  };
  const text = (s: string) => {
    if (s !== '') top().children.push(s);
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      // Only the attributes kept are read (a page's style and width attributes are most of its tags' bytes).
      onattribdata: (start, end) => {
        if (KEPT_ATTRS.has(attrName)) attrValue += html.slice(start, end);
      },
      onattribentity: (cp) => {
        if (KEPT_ATTRS.has(attrName)) attrValue += String.fromCodePoint(cp);
      },
      onattribend: () => {
        if (KEPT_ATTRS.has(attrName) && !(attrName in attrs)) attrs[attrName] = attrValue;
        attrValue = '';
      },
      onattribname: (start, end) => {
        attrName = end - start <= 5 ? html.slice(start, end).toLowerCase() : '';
      },
      oncdata: () => undefined,
      onclosetag: (start, end) => close(html.slice(start, end).toLowerCase()),
      oncomment: () => undefined,
      ondeclaration: () => undefined,
      onend: () => undefined,
      onopentagend: () => open(tag, attrs),
      onopentagname: (start, end) => {
        tag = html.slice(start, end).toLowerCase();
        attrs = {};
      },
      onprocessinginstruction: () => undefined,
      onselfclosingtag: () => {
        open(tag, attrs);
        if (!VOID.has(tag)) close(tag);
      },
      ontext: (start, end) => text(html.slice(start, end)),
      ontextentity: (cp) => text(String.fromCodePoint(cp)),
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return root;
}
