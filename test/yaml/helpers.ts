// Test helpers for the YAML front end: fixtures, positions of marked text, diagnostic lookup.
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../dsl/diagnostic.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** 1-based line / column (UTF-16) of the `nth` occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

export function where(d: Diagnostic | undefined): { code: string; line: number; column: number } | undefined {
  if (!d) return undefined;
  return { code: d.code, line: d.span?.start.line ?? 0, column: d.span?.start.column ?? 0 };
}

/** A minimal valid header that every bad-input case extends. */
export const HEADER = `policy: p
title: 示例
jurisdiction: national
version: "1"
effective: 2021-09-01
`;
