// `xinyong … | head`: the reader closes the pipe early; the command stops quietly, with no stack trace.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('a closed stdout', () => {
  it('ends the command quietly (EPIPE is not a crash)', async () => {
    const child = spawn(process.execPath, [
      'bin/xinyong.js',
      'export',
      'policies/yulin/yulin.xy',
      '--to',
      'json-rules-engine',
    ]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then hang up, as `head -c 100` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  }, 30_000);
});
