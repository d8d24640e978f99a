// JSONL line reading: batches give the same numbered lines as the line-at-a-time reader they replaced, whatever
// the chunking, blank lines, CRLF, multi-byte characters split across chunks, invalid bytes and overlong lines.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputLine } from '../../cli/lines.js';
import { readLineBatches, readLines } from '../../cli/lines.js';

/** The reader as it was before batches (cli/lines.ts at 21cd65b), with the chunk size as a parameter. */
async function* referenceLines(file: string, maxLineChars: number, chunkBytes: number): AsyncGenerator<InputLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overflow = false;
  let number = 0;
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let text = decoder.write(chunk);
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      number++;
      const whole = pending + text.slice(0, newline);
      const line = overflow || whole.length > maxLineChars ? undefined : whole.replace(/\r$/, '');
      if (line === undefined || line.trim() !== '') yield { number, text: line };
      pending = '';
      overflow = false;
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    if (!overflow) {
      pending += text;
      if (pending.length > maxLineChars) {
        overflow = true;
        pending = '';
      }
    }
  }
  const rest = pending + decoder.end();
  // Unlike the reader at 21cd65b, the cap holds for whole lines (above, and the last one here), not only for the
  // part buffered at a chunk's end: the two decoders turn invalid bytes into replacement characters at different
  // chunks, so a cap checked only there let one reader pass a line the other refused (fast-check found
  // [0xf4, 0x90] with a cap of 1 character).
  const over = overflow || rest.length > maxLineChars;
  if (over || rest.trim() !== '') yield { number: number + 1, text: over ? undefined : rest.replace(/\r$/, '') };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function batched(file: string, batchLines: number, max: number, chunk: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const b of readLineBatches(file, batchLines, max, chunk)) {
    expect(b.numbers.length).toBe(b.texts.length);
    expect(b.texts.length).toBeLessThanOrEqual(batchLines);
    expect(b.texts.length).toBeGreaterThan(0);
    for (let i = 0; i < b.texts.length; i++) out.push({ number: b.numbers[i] as number, text: b.texts[i] });
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'xinyong-lines-'));

const piece = fc.constantFrom(
  '{"id":"x"}',
  '主体',
  '😀',
  ' ',
  '\u3000',
  '\u00a0',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
  '\ufeff',
  'abc',
  '',
);
const bytes = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((ps) => Buffer.from(ps.join(''), 'utf8')),
  fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)),
);

describe('readLineBatches', () => {
  it('gives the reference reader’s lines for any bytes, chunk size, cap and batch size', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        bytes,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        async (content, chunk, max, batchLines) => {
          const file = join(dir, `case-${n++}.jsonl`);
          writeFileSync(file, content);
          const want = await collect(referenceLines(file, max, chunk));
          expect(await batched(file, batchLines, max, chunk)).toEqual(want);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses a line over the cap wherever the decoder turns invalid bytes into replacement characters', async () => {
    // Found by the property above: the two decoders emit U+FFFD for F4 90 at different chunks.
    for (const content of [
      [0xf4, 0x90],
      [0xf4, 0x90, 0x0a, 0x41],
    ]) {
      const file = join(dir, `invalid-${content.length}.jsonl`);
      writeFileSync(file, Buffer.from(content));
      const got = await batched(file, 1, 1, 1);
      expect(got[0]).toEqual({ number: 1, text: undefined });
      expect(got).toEqual(await collect(referenceLines(file, 1, 1)));
    }
  });

  it('readLines still reads line by line, blank lines skipped but counted', async () => {
    const file = join(dir, 'plain.jsonl');
    writeFileSync(file, '{"a":1}\r\n\n  \n{"b":2}\n{"c":3}');
    expect(await collect(readLines(file))).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 4, text: '{"b":2}' },
      { number: 5, text: '{"c":3}' },
    ]);
  });

  it('a missing file is an error naming it', async () => {
    await expect(collect(readLineBatches(join(dir, 'nope.jsonl'), 8))).rejects.toThrow('nope.jsonl');
  });
});
