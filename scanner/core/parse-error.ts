// Why a JSON or YAML text did not parse, without quoting any of it. Parser messages quote the text around the
// error (V8: `Unexpected token 'h', "hello world" is not valid JSON`), and the text may be a file the scan was
// never meant to show (a token file named by a sourceMappingURL) or hostile bytes for the terminal.

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

export function jsonErrorWithoutContent(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : '';
  if (/unexpected end/i.test(msg)) return 'not JSON (it ends early)';
  const at = /at position (\d+)/.exec(msg);
  return at ? `not JSON (at ${lineColumn(text, Number(at[1]))})` : 'not JSON';
}

export function yamlErrorWithoutContent(e: unknown, text: string): string {
  const err = e as { code?: unknown; pos?: unknown };
  const code = typeof err?.code === 'string' && /^[A-Z_]{1,40}$/.test(err.code) ? ` ${err.code}` : '';
  const pos = Array.isArray(err?.pos) && typeof err.pos[0] === 'number' ? ` at ${lineColumn(text, err.pos[0])}` : '';
  return `not valid YAML${code || pos ? ` (${`${code.trim()}${pos}`.trim()})` : ''}`;
}
