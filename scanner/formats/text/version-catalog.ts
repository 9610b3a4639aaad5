// Gradle version catalogs (`gradle/libs.versions.toml`): the Maven coordinates an Android app depends on, declared
// once and referenced from build.gradle.kts as `libs.voice.sdk`. Each library entry is a `maven` LibraryFact (as a
// `implementation 'g:a:v'` line of build.gradle gives), with its version resolved from the `[versions]` table.
// Forms (Gradle docs, "Version catalogs"): `alias = "g:a:v"`, `alias = { module = "g:a", version.ref = "x" }`,
// `alias = { group = "g", name = "a", version = "1.0" }`.
import type { Facts } from '../../core/facts.js';

const TABLE = /^\s*\[([\w.-]+)\]\s*(?:#.*)?$/;
const ENTRY = /^\s*([\w.-]+)\s*=\s*(.+?)\s*(?:#.*)?$/;
const COORDS = /^[\w.-]+:[\w.-]+(?::[\w.+-]+)?$/;

const field = (body: string, key: string): string | undefined =>
  new RegExp(`(?:^|[{,\\s])${key.replace('.', '\\.')}\\s*=\\s*["']([^"']+)["']`).exec(body)?.[1];

export function isVersionCatalog(name: string): boolean {
  return name.endsWith('.versions.toml');
}

/** Adds the catalog's libraries to `facts.libraries`. */
export function readVersionCatalog(text: string, facts: Facts): void {
  const versions = new Map<string, string>();
  const libraries: Array<{ coords: string; versionRef?: string; version?: string; line: number; column: number; snippet: string }> = [];
  let table = '';
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const t = TABLE.exec(line);
    if (t) {
      table = t[1]!;
      return;
    }
    const e = ENTRY.exec(line);
    if (!e) return;
    const value = e[2]!;
    if (table === 'versions') {
      const v = /^["']([^"']+)["']$/.exec(value)?.[1];
      if (v) versions.set(e[1]!, v);
      return;
    }
    if (table !== 'libraries') return;
    let coords: string | undefined;
    let version: string | undefined;
    let versionRef: string | undefined;
    const plain = /^["']([^"']+)["']$/.exec(value)?.[1];
    if (plain && COORDS.test(plain)) {
      const [g, a, v] = plain.split(':');
      coords = `${g}:${a}`;
      version = v;
    } else if (value.startsWith('{')) {
      const module = field(value, 'module');
      const group = field(value, 'group');
      const name = field(value, 'name');
      coords = module ?? (group && name ? `${group}:${name}` : undefined);
      version = field(value, 'version');
      versionRef = field(value, 'version.ref');
    }
    if (!coords || !COORDS.test(coords)) return;
    const at = line.indexOf(coords.split(':')[0]!);
    libraries.push({ coords, version, versionRef, line: i + 1, column: at >= 0 ? at + 1 : 1, snippet: line.trim().slice(0, 200) });
  });
  for (const l of libraries) {
    const version = l.version ?? (l.versionRef ? versions.get(l.versionRef) : undefined);
    facts.libraries.push({ name: l.coords, kind: 'maven', ...(version ? { version } : {}), line: l.line, column: l.column, snippet: l.snippet });
  }
}
