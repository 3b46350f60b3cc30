#!/usr/bin/env node
// Plain JavaScript on purpose: it must run on old Node versions to tell the user what to do.
import { nodeTooOld } from './node-version.js';

if (nodeTooOld(process.versions.node)) {
  console.error(
    `vigil needs Node.js 22.19 or newer (24 LTS recommended); this is Node.js ${process.versions.node}. ` +
      'Run ". scripts/node-env.sh" in the repository to use Node 24.',
  );
  process.exit(1);
}
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
