/**
 * The local stand-in for the published objects' bucket (dev/objectStore.ts): what is put is read back with its status,
 * a status goes when the object is put again as 200 — also one left in the folder by an earlier run of the stack,
 * which this process never saw written.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsObjectStore } from '../../dev/objectStore';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nianbao-objects-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const HTML = { contentType: 'text/html; charset=utf-8' };
const read = async (store: ReturnType<typeof fsObjectStore>, key: string) => {
  const o = await store.read(key);
  return o && { status: o.status, body: o.body.toString('utf8') };
};

test('an object is read back with its status, and a status goes when it is put again as 200', async () => {
  const store = fsObjectStore(root);
  const key = 'published/2025/a/report.html';
  await store.put(key, '<p>第1版</p>', HTML);
  expect(await read(store, key)).toEqual({ status: 200, body: '<p>第1版</p>' });
  await store.put(key, '<p>已撤回</p>', { ...HTML, status: 410 });
  expect(await read(store, key)).toEqual({ status: 410, body: '<p>已撤回</p>' });
  await store.put(key, '<p>第2版</p>', HTML);
  expect(await read(store, key)).toEqual({ status: 200, body: '<p>第2版</p>' });
  await store.put(key, '<p>第3版</p>', HTML);
  expect(await read(store, key)).toEqual({ status: 200, body: '<p>第3版</p>' });
  await store.delete(key);
  expect(await read(store, key)).toBeUndefined();
  await store.put(key, '<p>已撤回</p>', { ...HTML, status: 410 });
  expect(await read(store, key)).toEqual({ status: 410, body: '<p>已撤回</p>' });
  await store.delete(key);
  expect(await read(store, key)).toBeUndefined();
  expect(existsSync(join(root, 'published/2025/a/report.html.status'))).toBe(false);
});

test('a status written by an earlier run goes when this run puts the object as 200', async () => {
  const key = 'published/2025/b/report.html';
  await fsObjectStore(root).put(key, '<p>已撤回</p>', { ...HTML, status: 410 });
  const restarted = fsObjectStore(root);
  expect(await read(restarted, key)).toEqual({ status: 410, body: '<p>已撤回</p>' });
  await restarted.put(key, '<p>第2版</p>', HTML);
  expect(await read(restarted, key)).toEqual({ status: 200, body: '<p>第2版</p>' });
  expect(existsSync(join(root, 'published/2025/b/report.html.status'))).toBe(false);
});
