// Plain text from the small Markdown subset rule help uses, for SARIF `help.text`.

export function markdownToText(md: string): string {
  return md
    .replace(/```[a-z]*\n?/g, '')
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}
