// Metro module loads for the flow analysis. A React Native release bundle is one file of module factories,
// `__d(function (global, require, importDefault, importAll, module, exports, dependencyMap) {…}, id, [deps])`,
// that load each other as `require(dependencyMap[i])` (Babel's inline requires put these loads at the use sites:
// `(0, r(d[4]).presenceUrl)(uid)`). This module knows which factory is which module and recognises the loader
// parameters, the dependency map and its entries as values; the interpreter runs a loaded factory's top level once
// (as it does for an imported file) and hands out its `module.exports`.
import type * as t from '@babel/types';
import { Val } from './value.js';

/** A Metro module unit of the analysed file (scanner/formats/js/modules.ts). */
export interface MetroUnit {
  id?: string;
  deps?: string[];
  factory?: t.Function | t.ObjectMethod;
}

/** Parameter positions of a Metro factory. */
export const METRO_PARAMS = { require: 1, importDefault: 2, importAll: 3, module: 4, exports: 5, dependencyMap: 6 } as const;
type LoaderKind = 'require' | 'importDefault' | 'importAll';

export class MetroModules {
  private readonly byFactory = new Map<t.Node, MetroUnit>();
  private readonly byId = new Map<string, MetroUnit>();
  // Side tables keyed by the Val records the interpreter binds: no new field on every value.
  private readonly loaders = new WeakMap<Val, LoaderKind>();
  private readonly depmaps = new WeakMap<Val, string[]>();
  private readonly entries = new WeakMap<Val, string>();

  constructor(units: readonly MetroUnit[]) {
    for (const u of units) {
      if (!u.factory || u.id === undefined) continue;
      this.byFactory.set(u.factory, u);
      this.byId.set(u.id, u);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The Metro module whose factory this function is. */
  unitOfFactory(node: t.Node): MetroUnit | undefined {
    return this.byFactory.get(node);
  }

  unitById(id: string): MetroUnit | undefined {
    return this.byId.get(id);
  }

  /** Values for a factory's loader and dependency-map parameters, by parameter position. */
  parameterValues(unit: MetroUnit): Map<number, Val> {
    const out = new Map<number, Val>();
    for (const kind of ['require', 'importDefault', 'importAll'] as const) {
      const v = new Val();
      this.loaders.set(v, kind);
      out.set(METRO_PARAMS[kind], v);
    }
    const d = new Val();
    this.depmaps.set(d, unit.deps ?? []);
    out.set(METRO_PARAMS.dependencyMap, d);
    return out;
  }

  /** `dependencyMap[i]`: the module id entry i names. */
  entry(obj: Val, key: string | undefined): Val | undefined {
    const deps = key !== undefined ? this.depmaps.get(obj) : undefined;
    const id = deps && /^\d+$/.test(key!) ? deps[Number(key)] : undefined;
    if (id === undefined) return undefined;
    const v = Val.constant();
    this.entries.set(v, id);
    return v;
  }

  /** `require(dependencyMap[i])` (also a literal module id): which module, loaded how. */
  load(callee: Val, arg: Val | undefined, argNode: t.Node | undefined): { id: string; kind: LoaderKind } | undefined {
    const kind = this.loaders.get(callee);
    if (!kind || !arg) return undefined;
    const id = this.entries.get(arg) ?? (argNode?.type === 'NumericLiteral' ? String(argNode.value) : undefined);
    return id !== undefined && this.byId.has(id) ? { id, kind } : undefined;
  }
}
