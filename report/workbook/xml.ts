/**
 * Streaming XML for workbook parts: the inflated bytes of a part go straight into htmlparser2's tokenizer (xmlMode),
 * so a part is never held whole; element names arrive without their namespace prefix (`x:c` → `c`). Each element
 * counts against the budget, nesting deeper than MAX_XML_DEPTH is refused, and a handler stops the reading early
 * by calling `stop()` once it has what it needs (the rest of the part is then not inflated).
 */
import { Parser } from 'htmlparser2';
import type { Budget } from './budget';
import { MAX_XML_DEPTH, WorkbookError } from './errors';
import { readEntry, type ZipArchive } from './zip';

export type Attributes = Readonly<Record<string, string>>;

export interface XmlHandler {
  open(name: string, attrs: Attributes): void;
  close(name: string): void;
  text(data: string): void;
}

/** Thrown by stop(); caught by readXml, never seen outside. */
class Stop {}
const STOP = new Stop();

/** Handlers call this when they have read what they need. */
export function stop(): never {
  throw STOP;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by its local name (`r:id`, `ns2:id` → `id`), for the few attributes that come with a prefix. */
export function attrByLocalName(attrs: Attributes, local: string): string | undefined {
  for (const [k, v] of Object.entries(attrs)) if (localName(k) === local) return v;
  return undefined;
}

/**
 * Tokenizes the part `name` (looked up case-insensitively) with `handler`. Returns false if the workbook has no
 * such part. Malformed XML is read as far as it goes, like a lenient spreadsheet program would.
 */
export async function readXml(zip: ZipArchive, name: string, budget: Budget, handler: XmlHandler): Promise<boolean> {
  const entry = zip.entries.get(name.toLowerCase());
  if (!entry) return false;
  let depth = 0;
  let afterCR = false;
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        afterCR = false;
        if (++depth > MAX_XML_DEPTH) throw new WorkbookError('E-WORKBOOK-TOO-DEEP');
        budget.addElement();
        handler.open(localName(tag), attrs);
      },
      onclosetag(tag) {
        afterCR = false;
        depth--;
        handler.close(localName(tag));
      },
      ontext(data) {
        // XML reads every line break as \n (\r\n and a lone \r alike), also across chunks.
        if (afterCR && data.startsWith('\n')) data = data.slice(1);
        afterCR = data.endsWith('\r');
        if (data.includes('\r')) data = data.replace(/\r\n?/g, '\n');
        if (data !== '') handler.text(data);
      },
    },
    { xmlMode: true },
  );
  const decoder = new TextDecoder('utf-8');
  let stopped = false;
  const feed = (write: () => void): boolean => {
    try {
      write();
      return true;
    } catch (e) {
      if (e !== STOP) throw e;
      stopped = true;
      return false;
    }
  };
  await readEntry(zip, entry, budget, (chunk) => feed(() => parser.write(decoder.decode(chunk, { stream: true }))));
  if (!stopped) feed(() => parser.end(decoder.decode()));
  return true;
}
