#!/usr/bin/env node
// Entry for `npx opflow <command>`: the sources are TypeScript run through tsx (no build step),
// so the CLI, the server and the tests all execute the same files.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
