/**
 * The local stand-in for the published objects' S3 bucket: a folder (the data directory's published/), one file per
 * key. A file is written beside its place and renamed into it, so a reader never sees half of one; a status other
 * than 200 (a withdrawn page's 410) is kept in a small file beside it, as S3 keeps it in the object's metadata.
 */
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ObjectMeta, ObjectStore } from '../functions/published/objects';

const STATUS_SUFFIX = '.status';
const TEMP_SUFFIX = '.tmp';

export interface LocalObject {
  readonly body: Buffer;
  readonly status: number;
}

export interface FsObjectStore extends ObjectStore {
  readonly root: string;
  /** The object with its status (what the local server serves). */
  read(key: string): Promise<LocalObject | undefined>;
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** Removes a file if it is there (one call: most puts have no status file to remove). */
async function removeFile(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (e) {
    if (!isMissing(e)) throw e;
  }
}

export function fsObjectStore(root: string): FsObjectStore {
  const made = new Set<string>();
  // Files this process knows have no status file beside them (it removed or never wrote one): one process owns the
  // folder (the stack's lock; the rebuild runs with the stack stopped), so a put of a 200 object needs no removal
  // again — on this machine's disk a removal that finds nothing costs about a tenth of the write itself.
  const plain = new Set<string>();
  let seq = 0;
  const fileOf = (key: string) => join(root, ...key.split('/'));
  const get = async (file: string) => {
    try {
      return await readFile(file);
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  };
  return {
    root,
    get: (key) => get(fileOf(key)),
    async read(key) {
      const file = fileOf(key);
      const [body, status] = await Promise.all([get(file), get(file + STATUS_SUFFIX)]);
      return body ? { body, status: status ? Number(status.toString('utf8')) : 200 } : undefined;
    },
    async put(key, body, meta: ObjectMeta) {
      const file = fileOf(key);
      const dir = dirname(file);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      const temp = `${file}.${process.pid}.${++seq}${TEMP_SUFFIX}`;
      const writeTemp = async () => {
        try {
          await writeFile(temp, body);
        } catch (e) {
          // The folder was removed since (a reset of the data folder): make it again.
          if (!isMissing(e)) throw e;
          await mkdir(dir, { recursive: true });
          await writeFile(temp, body);
        }
      };
      const served = meta.status && meta.status !== 200 ? meta.status : undefined;
      if (served) {
        plain.delete(file);
        await writeTemp();
        await rename(temp, file);
        await writeFile(file + STATUS_SUFFIX, String(served));
      } else if (plain.has(file)) {
        await writeTemp();
        await rename(temp, file);
      } else {
        // An earlier status goes while the new bytes are written (a 200 object is most of what is written).
        await Promise.all([writeTemp(), removeFile(file + STATUS_SUFFIX)]);
        await rename(temp, file);
        plain.add(file);
      }
    },
    async delete(key) {
      const file = fileOf(key);
      await Promise.all([removeFile(file), removeFile(file + STATUS_SUFFIX)]);
      plain.add(file);
    },
    async *list(prefix) {
      const walk = async function* (dir: string): AsyncGenerator<string> {
        let names: import('node:fs').Dirent[];
        try {
          names = await readdir(dir, { withFileTypes: true });
        } catch (e) {
          if (isMissing(e)) return;
          throw e;
        }
        for (const d of names) {
          const path = join(dir, d.name);
          if (d.isDirectory()) yield* walk(path);
          else if (!d.name.endsWith(STATUS_SUFFIX) && !d.name.endsWith(TEMP_SUFFIX))
            yield relative(root, path).split(sep).join('/');
        }
      };
      const base = prefix.endsWith('/') ? prefix.slice(0, -1) : dirname(prefix);
      for await (const key of walk(fileOf(base))) if (key.startsWith(prefix)) yield key;
    },
  };
}
