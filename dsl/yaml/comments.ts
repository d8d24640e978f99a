// YAML `#` comments ↔ the `comments` lines kept on AST declarations.

/**
 * The yaml library gives the text after each `#`, lines joined by `\n`; the AST keeps one string per line with
 * the marker and the single space after it removed. A blank line between comments is dropped; an empty `#` line is kept as ''.
 */
export function commentsFromYaml(comment: string | null | undefined): string[] {
  if (comment === null || comment === undefined || comment === '') return [];
  return comment
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (line.startsWith(' ') ? line.slice(1) : line).trimEnd());
}

export function commentsToYaml(comments: readonly string[] | undefined): string | undefined {
  if (comments === undefined || comments.length === 0) return undefined;
  return comments.map((c) => ` ${c}`).join('\n');
}
