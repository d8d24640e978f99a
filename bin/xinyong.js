#!/usr/bin/env node
// Entry point: registers the TypeScript loader so the CLI runs from source with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`xinyong export … | head`) closes the pipe: stop quietly, as Unix tools do,
// instead of dying on EPIPE with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
