// JSONL input: a file streamed into numbered lines with a per-line size cap, so a 1 GB file never sits in memory.
import { createReadStream, existsSync } from 'node:fs';
import { CliError } from './files.js';
import { StringDecoder } from 'node:string_decoder';

export interface InputLine {
  readonly number: number;
  /** undefined when the line was longer than the cap (it is skipped, and reported) */
  readonly text: string | undefined;
}

export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export async function* readLines(file: string, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<InputLine> {
  if (!existsSync(file)) throw new CliError(`找不到文件 \`${file}\` (file not found)`);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overflow = false;
  let number = 0;
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let text = decoder.write(chunk);
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      number++;
      const line = overflow ? undefined : (pending + text.slice(0, newline)).replace(/\r$/, '');
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
  if (overflow || rest.trim() !== '')
    yield { number: number + 1, text: overflow ? undefined : rest.replace(/\r$/, '') };
}
