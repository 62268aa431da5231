/** Tags as typed in one field: separated by commas, blanks dropped, each trimmed. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/** Tags as shown in the field. */
export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}
