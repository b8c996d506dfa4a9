#!/usr/bin/env node
// Entry point of the `patchlens` command: runs the TypeScript CLI through
// tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../services/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
