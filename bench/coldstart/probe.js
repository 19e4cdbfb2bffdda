// Runs in a fresh Node process: requires one bundle and reports how long until its handler is a function.
'use strict';
const { performance } = require('node:perf_hooks');

const started = performance.now();
const mod = require(process.argv[2]);
if (typeof mod.handler !== 'function') throw new Error(`${process.argv[2]} exports no handler`);
process.stdout.write(JSON.stringify({ initMs: performance.now() - started }));
