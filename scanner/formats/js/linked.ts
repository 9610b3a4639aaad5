// Cross-module binding resolution for app code: an engine made in one module and used in another (`export default
// zg`, `export const useClient = createClient(config)`, a factory function, a React context whose provider value
// holds the client, `module.exports = …`). Before a file is analysed, the modules it imports by relative path are
// read beside it (ReaderContext.readSibling, so only inside what was given to scan), transitively and bounded; each
// is parsed only when an import of it is consulted, and reduces to an export table of receiver provenance (provenance.ts).
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Receiver } from '../../model/types.js';

/** Bounds: modules read per analysed file, import depth, bytes per module. */
export const LINK_LIMITS = { maxModules: 24, maxDepth: 3, maxBytes: 512 * 1024 };

/** What another module exports under a name, as seen from one module (`*` namespace, `=` module.exports). */
export interface Imported<V> {
  importTag(specifier: string, name: string): V | undefined;
}

/** Builds the export table of one module's code; `imports` resolves that module's own relative imports. */
export type ExportTableBuilder<V> = (code: string, virtualPath: string, imports: Imported<V>) => Map<string, V> | undefined;

/** How export values combine: a namespace object of several, a property of a `module.exports` object. */
export interface ExportValues<V> {
  /** Cache scope: tables of different value kinds never share a cache. */
  kind: string;
  namespace(props: Record<string, V>): V | undefined;
  prop(v: V, name: string): V | undefined;
}

/** Export values as code-model receivers (provenance.ts). */
export const RECEIVER_EXPORTS: ExportValues<Receiver> = {
  kind: 'receiver',
  namespace: (props) => (Object.keys(props).length ? { kind: 'object', props } : undefined),
  prop: (v, name) => (v.kind === 'object' ? v.props[name] : undefined),
};

interface LinkedModule {
  code: string;
  /** Path relative to the analysed file's folder (`lib/zegoEngine.js`, `../config.ts`). */
  rel: string;
  /** Specifier → rel of the module it resolved to. */
  resolved: Map<string, string>;
  /** Hash of the module and, transitively, of what it imports: the key of its cached export table. */
  key?: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

/** Relative specifiers a module imports, re-exports or requires (a text scan: bounded, no parse). */
export function relativeSpecifiers(code: string): string[] {
  const out = new Set<string>();
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(["'])((?:\.\.?|[@~])\/[^"'\n\r]{0,200})\1/gm;
  for (const m of code.matchAll(re)) {
    out.add(m[2]!);
    if (out.size >= 64) break;
  }
  return [...out];
}

/** How many folders up an alias's root is looked for (`@/x` from src/views/room/a.vue is src/x: two up). */
const ALIAS_MAX_UP = 4;

/**
 * Files a specifier may name, in the order bundlers and TypeScript try them. `@/x` and `~/x` are the source-root
 * aliases of Vue CLI, Vite and Nuxt templates (`@` → `src`, Laravel's `resources/js`): the project's config is not
 * read, so the root is the nearest folder above the importing file (or its `src/`) that holds the module.
 */
function candidates(spec: string): string[] {
  if (spec.startsWith('@/') || spec.startsWith('~/')) {
    const rest = spec.slice(2);
    const out: string[] = [];
    for (let up = 0; up <= ALIAS_MAX_UP; up++) {
      const prefix = '../'.repeat(up);
      out.push(...relativeCandidates(prefix + rest), ...relativeCandidates(`${prefix}src/${rest}`));
    }
    return out;
  }
  return relativeCandidates(spec);
}

function relativeCandidates(spec: string): string[] {
  const base = spec.replace(/\/+$/, '');
  const out: string[] = [];
  if (/\.[cm]?[jt]sx?$/.test(base)) {
    out.push(base);
    // TypeScript's ESM style: `import './engine.js'` of `engine.ts`.
    if (/\.[cm]?js$/.test(base)) out.push(base.replace(/\.([cm]?)js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'));
    return out;
  }
  for (const ext of SOURCE_EXTENSIONS) out.push(base + ext);
  for (const ext of SOURCE_EXTENSIONS) out.push(`${base}/index${ext}`);
  return out;
}

/** Export tables by content key, per rule pack (tags name the pack's vendors and types). */
const tableCaches = new WeakMap<object, Map<string, Map<string, unknown> | null>>();
const TABLE_CACHE_MAX = 4000;

/** The modules an analysed file reaches through relative imports, and their export tables. */
export class ModuleLinker<V> {
  private readonly modules = new Map<string, LinkedModule>();
  private readonly tables = new Map<string, Map<string, V> | null>();

  private readonly tableCache: Map<string, Map<string, V> | null>;

  private constructor(
    private readonly artifactPath: string,
    private readonly build: ExportTableBuilder<V>,
    cacheScope: object,
    private readonly values: ExportValues<V>,
  ) {
    let cache = tableCaches.get(cacheScope);
    if (!cache) tableCaches.set(cacheScope, (cache = new Map()));
    this.tableCache = cache as Map<string, Map<string, V> | null>;
  }

  /**
   * Reads the modules `code` imports by relative path (and theirs, to LINK_LIMITS.maxDepth). Never throws; a
   * module that cannot be read is simply not linked. Returns undefined when the file imports nothing relative.
   */
  static async load<V>(
    code: string,
    artifactPath: string,
    readSibling: ((rel: string) => Promise<Buffer | undefined>) | undefined,
    build: ExportTableBuilder<V>,
    cacheScope: object,
    values: ExportValues<V>,
    /** Modules to read beside those the code imports (a Vue component's app entry, provenance.ts VUE_ENTRY). */
    implied: readonly string[] = [],
  ): Promise<ModuleLinker<V> | undefined> {
    if (!readSibling) return undefined;
    const first = [...new Set([...relativeSpecifiers(code), ...implied])];
    if (!first.length) return undefined;
    const linker = new ModuleLinker<V>(artifactPath, build, cacheScope, values);
    const root: LinkedModule = { code, rel: '', resolved: new Map() };
    const byRel = new Map<string, LinkedModule | null>([['', root]]);
    let queue: Array<{ mod: LinkedModule; specs: string[] }> = [{ mod: root, specs: first }];
    let read = 0;
    for (let depth = 0; depth < LINK_LIMITS.maxDepth && queue.length; depth++) {
      const next: typeof queue = [];
      for (const { mod, specs } of queue) {
        for (const spec of specs) {
          if (read >= LINK_LIMITS.maxModules) break;
          for (const cand of candidates(spec)) {
            const rel = posix.normalize(posix.join(posix.dirname(mod.rel || '.'), cand));
            if (rel === '.' || rel === posix.basename(artifactPath)) break; // the file itself
            const known = byRel.get(rel);
            if (known === null) continue;
            if (known) {
              mod.resolved.set(spec, rel);
              break;
            }
            let data: Buffer | undefined;
            try {
              data = await readSibling(rel);
            } catch {
              data = undefined;
            }
            if (!data || data.length > LINK_LIMITS.maxBytes || data.includes(0)) {
              byRel.set(rel, null);
              continue;
            }
            read++;
            const linked: LinkedModule = { code: data.toString('utf8').replace(/^\uFEFF/, ''), rel, resolved: new Map() };
            byRel.set(rel, linked);
            linker.modules.set(rel, linked);
            mod.resolved.set(spec, rel);
            next.push({ mod: linked, specs: relativeSpecifiers(linked.code) });
            break;
          }
        }
      }
      queue = next;
    }
    linker.modules.set('', root);
    return linker.modules.size > 1 ? linker : undefined;
  }

  /**
   * The module a relative specifier of module `fromRel` ('' = the analysed file) resolved to: its code, its key
   * (rel) and virtual path. For analyses that follow code, not only export tables (the JS dataflow).
   */
  moduleOf(fromRel: string, spec: string): { rel: string; path: string; code: string } | undefined {
    const rel = this.modules.get(fromRel)?.resolved.get(spec);
    const mod = rel !== undefined ? this.modules.get(rel) : undefined;
    if (!mod || rel === undefined) return undefined;
    return { rel, path: posix.join(posix.dirname(this.artifactPath), rel), code: mod.code };
  }

  /** Imports as seen from the analysed file itself. */
  view(): Imported<V> {
    return this.viewFrom('');
  }

  private viewFrom(rel: string): Imported<V> {
    return { importTag: (spec, name) => this.importTag(rel, spec, name) };
  }

  private importTag(fromRel: string, spec: string, name: string): V | undefined {
    const target = this.modules.get(fromRel)?.resolved.get(spec);
    const table = target !== undefined ? this.table(target) : undefined;
    if (!table) return undefined;
    const cjs = table.get('=');
    const namespace = (): V | undefined => {
      const props: Record<string, V> = Object.create(null);
      for (const [k, v] of table) if (k !== '=') props[k] = v;
      return this.values.namespace(props);
    };
    switch (name) {
      case '*':
        return namespace();
      case '=':
        return cjs ?? namespace();
      case 'default':
        return table.get('default') ?? cjs;
      default:
        return table.get(name) ?? (cjs !== undefined ? this.values.prop(cjs, name) : undefined);
    }
  }

  private table(rel: string): Map<string, V> | undefined {
    if (this.tables.has(rel)) return this.tables.get(rel) ?? undefined;
    this.tables.set(rel, null); // an import cycle sees no exports of a module still being read
    const mod = this.modules.get(rel);
    if (!mod) return undefined;
    const path = posix.join(posix.dirname(this.artifactPath), rel);
    const key = `${this.values.kind}\0${path}\0${this.keyOf(mod, new Set())}`;
    const cache = this.tableCache;
    let table = cache.get(key);
    if (table === undefined) {
      try {
        table = this.build(mod.code, path, this.viewFrom(rel)) ?? null;
      } catch {
        table = null;
      }
      if (cache.size >= TABLE_CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(key, table);
    }
    this.tables.set(rel, table);
    return table ?? undefined;
  }

  /** Content hash of a module and what it imports (an export table depends on both). */
  private keyOf(mod: LinkedModule, active: Set<string>): string {
    if (mod.key) return mod.key;
    active.add(mod.rel);
    const h = createHash('sha1').update(mod.code);
    for (const [spec, rel] of [...mod.resolved].sort()) {
      const dep = this.modules.get(rel);
      h.update(`\0${spec}\0${dep && !active.has(rel) ? this.keyOf(dep, active) : rel}`);
    }
    active.delete(mod.rel);
    return (mod.key = h.digest('hex'));
  }
}
