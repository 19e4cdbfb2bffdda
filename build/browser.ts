/**
 * What the add-in's scripts and the web pages are built with alike: the browsers Office and agencies run (Edge and
 * Chrome from 90, Safari 15), minified, linked source maps, React's automatic JSX in production mode, a metafile for
 * the bundle checks.
 */
import type { BuildOptions } from 'esbuild';

export const BROWSER_TARGETS = ['es2020', 'chrome90', 'edge90', 'safari15'];

export function browserBuild(root: string, outdir: string, minify = true) {
  return {
    absWorkingDir: root,
    outdir,
    entryNames: '[name]-[hash]',
    bundle: true,
    platform: 'browser',
    target: BROWSER_TARGETS,
    minify,
    sourcemap: 'linked',
    legalComments: 'none',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'silent',
  } as const satisfies BuildOptions;
}
