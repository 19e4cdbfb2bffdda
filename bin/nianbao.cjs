#!/usr/bin/env node
// The `nianbao` command. Runs the TypeScript sources through tsx, so the CLI is always the code in this checkout.
// Both of tsx's hooks: require() for the modules, and the ESM loader for the commands' lazy import().
'use strict';
(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  require('tsx/cjs/api').register();
  const { main } = require('../cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
})().catch((err) => {
  process.stderr.write(`nianbao: ${err && err.stack ? err.stack : err}\n`);
  process.exitCode = 2;
});
