#!/usr/bin/env node
// Entry point: registers the TypeScript loader so the CLI runs from source with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
