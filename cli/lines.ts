// JSONL input: a file streamed into numbered lines with a per-line size cap, so a 1 GB file never sits in memory.
import { createReadStream, existsSync } from 'node:fs';
import { CliError } from './files.js';

export interface InputLine {
  readonly number: number;
  /** undefined when the line was longer than the cap (it is skipped, and reported) */
  readonly text: string | undefined;
}

/** Consecutive non-blank lines of the input: what one worker message carries. */
export interface LineBatch {
  /** line numbers in the file, counting blank lines (which are left out) */
  readonly numbers: readonly number[];
  /** undefined when the line was longer than the cap (it is skipped, and reported) */
  readonly texts: readonly (string | undefined)[];
}

export const MAX_LINE_CHARS = 64 * 1024 * 1024;

function withoutCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

function isBlank(line: string): boolean {
  // Almost every line starts with `{`: only a line starting with a space or a non-ASCII character is trimmed.
  const c = line.charCodeAt(0);
  return !(c > 32 && c < 127) && line.trim() === '';
}

/**
 * Lines in batches of `batchLines`: one await per batch rather than per line, which matters at a million
 * lines. A line longer than `maxLineChars` is reported as undefined; one whose unfinished part outgrows it is
 * not kept while the rest of it streams past (memory stays bounded by the cap).
 */
export async function* readLineBatches(
  file: string,
  batchLines: number,
  maxLineChars = MAX_LINE_CHARS,
  chunkBytes = 1024 * 1024,
): AsyncGenerator<LineBatch> {
  if (!existsSync(file)) throw new CliError(`找不到文件 \`${file}\` (file not found)`);
  // ignoreBOM keeps a byte-order mark in the text (as Node's StringDecoder does): the line then fails as JSON.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let numbers: number[] = [];
  let texts: (string | undefined)[] = [];
  let pending = '';
  let overflow = false;
  let number = 0;
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      number++;
      if (overflow) {
        numbers.push(number);
        texts.push(undefined);
      } else {
        const part = text.slice(start, newline);
        const whole = pending === '' ? part : pending + part;
        if (whole.length > maxLineChars) {
          numbers.push(number);
          texts.push(undefined);
        } else {
          const line = withoutCr(whole);
          if (!isBlank(line)) {
            numbers.push(number);
            texts.push(line);
          }
        }
      }
      pending = '';
      overflow = false;
      start = newline + 1;
      newline = text.indexOf('\n', start);
      if (texts.length >= batchLines) {
        yield { numbers, texts };
        numbers = [];
        texts = [];
      }
    }
    if (!overflow) {
      pending += text.slice(start);
      if (pending.length > maxLineChars) {
        overflow = true;
        pending = '';
      }
    }
  }
  const rest = pending + decoder.decode();
  // The last line too: its end may come out of the decoder only now (the bytes of an unfinished character).
  const over = overflow || rest.length > maxLineChars;
  if (over || rest.trim() !== '') {
    numbers.push(number + 1);
    texts.push(over ? undefined : withoutCr(rest));
  }
  if (texts.length > 0) yield { numbers, texts };
}

export async function* readLines(file: string, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<InputLine> {
  for await (const batch of readLineBatches(file, 256, maxLineChars)) {
    for (let i = 0; i < batch.texts.length; i++) yield { number: batch.numbers[i] as number, text: batch.texts[i] };
  }
}
