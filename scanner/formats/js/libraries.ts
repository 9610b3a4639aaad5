// npm packages a JS artifact reveals: import/require specifiers, module paths (esbuild comments, Metro names,
// webpack dev keys), esbuild's "Bundled license information" trailer, source-map sources, inlined package.json
// objects, and vendor markers; versions from the rules' `sdk.js.version` regexes or inlined package.json.
import { builtinModules } from 'node:module';
import type { LibraryFact } from '../../core/facts.js';
import { packageOfPath } from './modules.js';
import type { RawString } from './strings.js';
import type { MarkerHit, VendorIndex } from './vendors.js';

const BUILTINS = new Set(builtinModules);
const NPM_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;

/** Package name of a bare import specifier, or undefined for relative/absolute/builtin/URL specifiers. */
export function packageOfSpecifier(spec: string): string | undefined {
  if (!spec || spec.startsWith('.') || spec.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(spec)) return undefined;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (!NPM_NAME.test(name) || BUILTINS.has(name)) return undefined;
  return name;
}

export class LibraryCollector {
  private readonly byName = new Map<string, LibraryFact>();

  add(name: string | undefined, where: { line?: number; column?: number; snippet?: string }, version?: string): void {
    if (!name || !NPM_NAME.test(name) || name.length > 214) return;
    const prev = this.byName.get(name);
    if (prev) {
      if (version && !prev.version) prev.version = version;
      return;
    }
    const fact: LibraryFact = { name, kind: 'npm' };
    if (where.line !== undefined) fact.line = where.line;
    if (where.column !== undefined) fact.column = where.column;
    if (where.snippet) fact.snippet = where.snippet.slice(0, 200);
    if (version) fact.version = version;
    this.byName.set(name, fact);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  setVersion(name: string, version: string): void {
    const f = this.byName.get(name);
    if (f && !f.version) f.version = version;
  }

  list(): LibraryFact[] {
    return [...this.byName.values()];
  }

  /** Package names in comments: `// node_modules/x/y.js` and esbuild's legal-comment trailer `x/y.js:`. */
  fromComments(strings: RawString[]): void {
    for (const s of strings) {
      if (s.kind !== 'comment') continue;
      const at = { line: s.line, column: s.column + 1 };
      for (const m of s.value.matchAll(/node_modules\/((?:@[\w.~-]+\/)?[\w.~-]+)\//g)) {
        this.add(m[1], { ...at, snippet: `module path comment: ${m[0]}` });
      }
      if (s.value.includes('Bundled license information')) {
        for (const m of s.value.matchAll(/^\s*((?:@[\w.~-]+\/)?[\w.~-]+)\/[^\s:]+:\s*$/gm)) {
          this.add(m[1], { ...at, snippet: `bundled license information: ${m[0].trim()}` });
        }
      }
    }
  }

  /** Packages named by module paths the bundle keeps (Metro names, webpack dev keys). */
  fromPaths(paths: Array<{ path: string; line?: number; column?: number }>, how: string): void {
    for (const p of paths) this.add(packageOfPath(p.path), { line: p.line, column: p.column, snippet: `${how}: ${p.path}` });
  }

  /** Vendor packages inferred from markers when no specifier or path named them (minified bundles). */
  fromMarkers(hits: MarkerHit[], index: VendorIndex): void {
    const done = new Set<string>();
    for (const h of hits) {
      if (done.has(h.vendor)) continue;
      done.add(h.vendor);
      const v = index.rules.vendorById.get(h.vendor);
      const pkgs = v?.sdk.js?.packages ?? [];
      if (!pkgs.length || pkgs.some((p) => this.byName.has(p))) continue;
      this.add(pkgs[0], { line: h.line, column: h.column, snippet: `inferred from SDK marker ${JSON.stringify(h.marker)}` });
    }
  }

  /**
   * Versions from the vendors' `sdk.js.version` regexes, run over the code text only for vendors whose SDK this
   * artifact contains or imports. The version goes to the vendor's first package listed here.
   */
  versionsFromRules(code: string, index: VendorIndex, vendors: Iterable<string>): void {
    for (const id of vendors) {
      const v = index.rules.vendorById.get(id);
      const pkg = (v?.sdk.js?.packages ?? []).find((p) => this.byName.has(p));
      if (!pkg) continue;
      for (const r of v?.sdk.js?.version ?? []) {
        let m: RegExpExecArray | null = null;
        try {
          m = new RegExp(r).exec(code);
        } catch {
          continue;
        }
        if (m?.[1]) {
          this.setVersion(pkg, m[1]);
          break;
        }
      }
    }
  }
}
