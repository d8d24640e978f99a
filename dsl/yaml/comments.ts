// YAML `#` comments ↔ the `comments` lines kept on AST declarations.

/**
 * The text front end keeps each comment line whole, marker included (`# 说明`, `// 说明`), trailing blanks
 * trimmed. The yaml library gives the text after each `#`, lines joined by `\n` (an empty `#` line comes back as
 * one space, a blank line as nothing). So `# 说明` ↔ YAML `# 说明`, and `// 说明` ↔ YAML `#// 说明`.
 */
export function commentsFromYaml(comment: string | null | undefined): string[] {
  if (comment === null || comment === undefined || comment === '') return [];
  return comment
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (line.startsWith('//') ? line : `#${line}`).trimEnd());
}

export function commentsToYaml(comments: readonly string[] | undefined): string | undefined {
  if (comments === undefined || comments.length === 0) return undefined;
  return comments
    .map((c) => {
      const rest = c.startsWith('#') ? c.slice(1) : c;
      return rest === '' ? ' ' : rest;
    })
    .join('\n');
}
