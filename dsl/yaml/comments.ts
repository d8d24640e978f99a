// YAML `#` comments ↔ the `comments` lines kept on AST declarations.

/**
 * The text front end keeps each comment line whole, marker included (`# 说明`, `// 说明`), trailing blanks
 * trimmed. The yaml library gives the text after each `#`, lines joined by `\n` (an empty `#` line comes back as
 * one space, a blank line as nothing). So `# 说明` ↔ YAML `# 说明` and `// 说明` ↔ YAML `#// 说明`; a `#` comment
 * whose text starts with `//` or `\` is written with a `\` in front (`#//x` ↔ YAML `#\//x`), so the mapping is
 * one to one.
 */
export function commentsFromYaml(comment: string | null | undefined): string[] {
  if (comment === null || comment === undefined || comment === '') return [];
  return comment
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      if (line.startsWith('\\')) return `#${line.slice(1)}`.trimEnd();
      return (line.startsWith('//') ? line : `#${line}`).trimEnd();
    });
}

export function commentsToYaml(comments: readonly string[] | undefined): string | undefined {
  if (comments === undefined || comments.length === 0) return undefined;
  return comments
    .map((c) => {
      if (!c.startsWith('#')) return c;
      const rest = c.slice(1);
      if (rest.startsWith('//') || rest.startsWith('\\')) return `\\${rest}`;
      return rest === '' ? ' ' : rest;
    })
    .join('\n');
}
