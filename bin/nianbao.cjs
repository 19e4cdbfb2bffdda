#!/usr/bin/env node
// The `nianbao` command. Runs the TypeScript sources through tsx, so the CLI is always the code in this checkout.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('../cli/main.ts');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`nianbao: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
