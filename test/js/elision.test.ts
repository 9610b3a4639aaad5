// Elision (scanner/formats/js/elide.ts) must not change what the JS reader reports about app code: every corpus
// artifact (real SDKs from npm, minified by esbuild, with app code and source maps) and the web sample are read
// twice — library bodies blanked (the default) and everything parsed — and the findings-bearing facts compared.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../scanner/core/facts.js';
import { createJsReader } from '../../scanner/formats/js/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { isCleartextFlow } from '../../scanner/checks/cleartext-flows.js';
import { join } from 'node:path';
import { apiCallsOf, ensureCorpus, outDir, readArtifact, readJs, type ManifestEntry } from './corpus.js';
import { HOISTED_BUNDLE } from './hoisted-bundle.js';

// The reference: everything parsed, without the parse budget (which bounds memory, not correctness).
const parseAll = createJsReader({ elideMinBytes: Infinity, maxParseUnits: Infinity });
const forced = createJsReader({ elideMinBytes: 0 });
const ctx = { rules: defaultRulePack(), maxStrings: 100_000 };
/** Reads a small script with elision forced and with everything parsed. */
async function bothWays(code: string, name: string): Promise<{ fast: Facts; full: Facts }> {
  return { fast: await forced.read(Buffer.from(code), name, ctx), full: await parseAll.read(Buffer.from(code), name, ctx) };
}
/** The esbuild CommonJS wrapper helper the synthetic bundles start with. */
const COMMONJS = 'var __commonJS = (cb, mod) => function () { return mod || cb((mod = { exports: {} }).exports, mod), mod.exports; };';
let manifest: ManifestEntry[];

beforeAll(async () => {
  manifest = (await ensureCorpus()).filter((m) => m.format === 'js' || /\.(?:js|jsbundle|bundle)$/.test(m.file));
}, 600_000);

/**
 * What the checks read from JS facts, in comparable form. Flows: the cleartext ones (RTC301's input). A flow that
 * stays inside an SDK's blanked code and ends at an https or unresolved URL is not traced any more, by design.
 */
function findingsView(f: Facts) {
  const pos = (x: { line?: number; column?: number }) => `${x.line}:${x.column}`;
  return {
    // API calls as the checks find them in the code model (the reader no longer matches them itself).
    appCalls: apiCallsOf(f, ctx.rules).map((c) => ({ vendor: c.vendor, api: c.api, at: pos(c), values: c.values, original: c.original })),
    flows: f.flows.filter(isCleartextFlow).map((fl) => ({ id: fl.identifier, sink: fl.sink, steps: fl.steps.map((s) => `${pos(s)} ${s.message}`) })),
    libraries: f.libraries.map((l) => `${l.name}@${l.version ?? ''}`).sort(),
    literals: f.strings.filter((s) => s.kind !== 'identifier').map((s) => `${s.kind} ${pos(s)}-${s.endLine}:${s.endColumn} ${s.value}`),
    errors: f.notices.filter((n) => n.level !== 'note').map((n) => n.id),
  };
}

describe('elision keeps the findings of a full parse', () => {
  it('on every corpus artifact', async () => {
    let elided = 0;
    for (const entry of manifest) {
      const fast = (await readArtifact(entry)).facts;
      const full = (await readArtifact(entry, parseAll)).facts;
      if (fast.meta.elided) elided++;
      expect(findingsView(fast), entry.name).toEqual(findingsView(full));
    }
    // The corpus bundles real SDKs: most of them must actually take the fast path.
    expect(elided).toBeGreaterThanOrEqual(Math.ceil(manifest.length / 2));
  }, 600_000);

  it('on every corpus artifact read without its source map (library statements blanked whole)', async () => {
    let statements = 0;
    for (const entry of manifest) {
      // No sibling map, no inline map: only the module units and markers say what is library code.
      const code = readFileSync(join(outDir, entry.file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
      const fast = (await readJs(Buffer.from(code), entry.file)).facts;
      const full = (await readJs(Buffer.from(code), entry.file, undefined, {}, parseAll)).facts;
      expect(fast.meta.sourceMap, entry.name).toBeUndefined();
      if (/ and \d+ top-level statements/.test(fast.meta.elided ?? '')) statements++;
      expect(findingsView(fast), entry.name).toEqual(findingsView(full));
    }
    // esbuild hoists most SDKs into top-level statements: several bundles must have had statements blanked.
    expect(statements).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it('on the web sample (Agora SDK bundled with app code and a source map)', async () => {
    const dir = new URL('../../samples/web/dist/', import.meta.url).pathname;
    const data = readFileSync(dir + 'app.js');
    const fast = (await readJs(data, 'app.js', dir)).facts;
    const full = (await readJs(data, 'app.js', dir, {}, parseAll)).facts;
    expect(fast.meta.elided).toMatch(/^\d+ characters of library code/);
    expect(Number(fast.meta.elided!.split(' ')[0])).toBeGreaterThan(data.length * 0.9);
    expect(findingsView(fast)).toEqual(findingsView(full));
    expect(fast.flows.length).toBeGreaterThan(0);
  });
});

describe('cleartext URLs inside library code stay visible to the dataflow', () => {
  it('parses the SDK function that builds a ws:// URL and blanks the rest of the SDK', async () => {
    const filler = `var x = [${Array.from({ length: 80 }, (_, i) => i).join(',')}]; return x.length;`;
    const code = [
      COMMONJS,
      'var require_sdk = __commonJS((exports, module) => {',
      '  var tag = "AgoraRTCException";',
      `  function helper() { ${filler} }`,
      '  function signal(uid) { const ws = new WebSocket("ws://gateway.agora.io/join?uid=" + uid); ws.send(uid); return ws; }',
      '  module.exports = { signal, helper };',
      '});',
      'var sdk = require_sdk();',
      '',
    ].join('\n');
    const { fast, full } = await bothWays(code, 'sdk.js');
    // The marker makes the wrapper Agora's code: helper() is blanked, signal() is not.
    expect(fast.meta.elided).toMatch(/ in 1 function bodies/);
    expect(fast.flows.filter(isCleartextFlow).length).toBeGreaterThan(0);
    expect(findingsView(fast)).toEqual(findingsView(full));
  });
});

describe('scheme literals that are only tested do not keep SDK code parsed', () => {
  it('blanks an SDK function that compares location.protocol with "http:"', async () => {
    const filler = `var x = [${Array.from({ length: 80 }, (_, i) => i).join(',')}]; return x.length;`;
    const code = [
      COMMONJS,
      'var require_sdk = __commonJS((exports, module) => {',
      `  function scheme() { if (location.protocol === "http:" || "ws:" == location.protocol) warn(); ${filler} }`,
      `  function signal() { return "AgoraRTCException"; ${filler} }`,
      '  module.exports = { scheme, signal };',
      '});',
      '',
    ].join('\n');
    const fast = await forced.read(Buffer.from(code), 'sdk.js', ctx);
    // The whole wrapper is blanked: neither compared literal counts as the start of a URL.
    expect(fast.meta.elided).toMatch(/ in 1 function bodies/);
    expect(Number(fast.meta.elided!.split(' ')[0])).toBeGreaterThan(code.indexOf('});') - code.indexOf('=> {') - 10);
    expect(fast.strings.some((s) => s.value === 'http:')).toBe(true); // still reported as a string
  });
});

describe('app modules without any rule keyword skip the AST too', () => {
  it('blanks a keyword-free webpack module and parses the one that calls fetch', async () => {
    const pad = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`).join(' + ');
    const code = [
      '(() => {',
      '  var modules = {',
      `    101: (module, exports, n) => { function sum(xs) { return xs.reduce((p, q) => p + q, 0); } module.exports = { sum, total: ${pad(40)} }; },`,
      // Module 102 carries a table large enough (> 16 KiB) that the wrapping IIFE is opened like a real bundle's.
      `    102: (module, exports, n) => { const m = n(101); const uid = location.hash.slice(1); const table = [${Array.from({ length: 4000 }, (_, i) => i).join(',')}]; fetch("http://api.example.com/score?uid=" + uid + "&s=" + m.sum(table)); },`,
      '  };',
      '  function n(id) { var m = { exports: {} }; modules[id](m, m.exports, n); return m.exports; }',
      '  n(102);',
      '})();',
      '',
    ].join('\n');
    const { fast, full } = await bothWays(code, 'app.js');
    // Module 101's body (between its braces) is the one blanked.
    const open = code.indexOf('{', code.indexOf('101: (module, exports, n) =>'));
    const close = code.indexOf('},\n    102');
    expect(fast.meta.elided).toMatch(/ in 1 function bodies/);
    expect(Number(fast.meta.elided!.split(' ')[0])).toBe(close - open - 1);
    expect(fast.flows.filter(isCleartextFlow).length).toBeGreaterThan(0);
    expect(findingsView(fast)).toEqual(findingsView(full));
  });
});

describe('library statements of a scope-hoisted bundle', () => {
  it('are blanked whole, except those whose names the app code uses', async () => {
    const code = HOISTED_BUNDLE;
    const { fast, full } = await bothWays(code, 'hoisted.js');
    // ERR, Helper, CODES and TAG are Agora's and unused by the app; Client declares a name the app uses: its
    // statement stays, its class body is blanked (the matcher needs where the class is declared, not its members).
    expect(fast.meta.elided).toMatch(/ in 0 function bodies, 1 class bodies and 4 top-level statements /);
    const join = apiCallsOf(fast, ctx.rules).find((c) => c.vendor === 'agora');
    expect(join?.args.appId).toEqual({ kind: 'string', value: '0123456789abcdef0123456789abcdef' });
    expect(findingsView(fast)).toEqual(findingsView(full));
  });
});

describe('library `var` statements of several declarators', () => {
  it('keep only the declarators parsed code names; the others lose their initializer', async () => {
    // Helper, Client and CODES in one statement, as esbuild joins a module's top-level `var`s: the app names
    // Client only, so Helper's and CODES' initializers are blanked and Client keeps its heading.
    const code = HOISTED_BUNDLE.replace(/;\n {2}var (Client|CODES) = /g, ',\n    $1 = ');
    expect(code).toMatch(/var Helper = class [^\n]*,\n {4}Client = class [^\n]*,\n {4}CODES = \[/);
    const { fast, full } = await bothWays(code, 'hoisted.js');
    expect(fast.meta.elided).toMatch(/ in 0 function bodies, 1 class bodies, 2 declarators' initializers and 2 top-level statements /);
    const join = apiCallsOf(fast, ctx.rules).find((c) => c.vendor === 'agora');
    expect(join?.args.appId).toEqual({ kind: 'string', value: '0123456789abcdef0123456789abcdef' });
    expect(findingsView(fast)).toEqual(findingsView(full));
  });

  it('keep a declarator whose name a kept declarator uses, and are never split when `const`', async () => {
    const chained = HOISTED_BUNDLE.replace(/;\n {2}var (Client|CODES) = /g, ',\n    $1 = ').replace('leave() { return 0; }', 'leave() { return Helper; }');
    const a = await bothWays(chained, 'hoisted.js');
    // Client's body names Helper, but that body is blanked (a kept library class keeps its heading only): Helper goes.
    expect(a.fast.meta.elided).toMatch(/ 2 declarators' initializers /);
    const heading = HOISTED_BUNDLE.replace(/;\n {2}var (Client|CODES) = /g, ',\n    $1 = ').replace(',\n    Client = class {', ',\n    Client = class extends Helper {');
    const b = await bothWays(heading, 'hoisted.js');
    // Helper is named in Client's heading, which stays parsed: only CODES loses its initializer.
    expect(b.fast.meta.elided).toMatch(/ 1 declarators' initializers /);
    expect(findingsView(b.fast)).toEqual(findingsView(b.full));
    const constant = HOISTED_BUNDLE.replace(/;\n {2}var (Client|CODES) = /g, ',\n    $1 = ').replace('var Helper = class', 'const Helper = class');
    const c = await bothWays(constant, 'hoisted.js');
    expect(c.fast.meta.elided).not.toMatch(/declarators/);
    expect(findingsView(c.fast)).toEqual(findingsView(c.full));
  });
});

describe('namespace exports of a scope-hoisted bundle', () => {
  it('do not keep the library statements their getters name', async () => {
    // `import * as sdk from "…"; globalThis.__sdk = sdk` makes esbuild emit `__export(ns, {Client: () => Client, …})`.
    const code = HOISTED_BUNDLE.replace(
      '  const client = new Client();',
      '  var __export = (t, a) => { for (var n in a) Object.defineProperty(t, n, { get: a[n], enumerable: true }); };\n  var ns = {};\n  __export(ns, { Helper: () => Helper, CODES: () => CODES, Client: () => Client });\n  globalThis.__sdk = ns;\n  const client = new Client();',
    );
    const { fast, full } = await bothWays(code, 'hoisted.js');
    // As without the namespace: Helper and CODES are blanked whole, Client (which the app names) keeps its heading.
    expect(fast.meta.elided).toMatch(/ in 0 function bodies, 1 class bodies and 4 top-level statements /);
    expect(findingsView(fast)).toEqual(findingsView(full));
  });
});

describe('inert keyword-free app declarations', () => {
  it('are blanked whole unless parsed code names them or declaring them runs code', async () => {
    const table = Array.from({ length: 40 }, (_, i) => `"Browser ${i}": "browser_${i}"`).join(', ');
    const steps = Array.from({ length: 30 }, (_, i) => `s = s.replace("${i}", "-")`).join('; ');
    const code = [
      `var BROWSERS = { ${table} };`, // unused: blanked
      `function unusedHelper(s) { ${steps}; return s; }`, // unused: blanked
      `function pad(s) { ${steps}; return helper(s); }`, // named by send: stays
      `function helper(s) { ${steps}; return s; }`, // named only inside pad's body, which stays parsed: stays
      `var tail = [${Array.from({ length: 30 }, (_, i) => `pad("${i}")`).join(', ')}];`, // calls pad when declared: stays
      'function send(roomId) { fetch("http://api.example.com/join?room=" + pad(roomId)); }',
      'send(location.hash);',
      '',
    ].join('\n');
    const { fast, full } = await bothWays(code, 'app.js');
    expect(fast.meta.elided).toMatch(/ and 2 top-level statements /);
    expect(Number(fast.meta.elided!.split(' ')[0])).toBe(code.indexOf('function pad') - 2);
    expect(fast.flows.filter(isCleartextFlow).length).toBeGreaterThan(0);
    expect(findingsView(fast)).toEqual(findingsView(full));
  });
});

describe('elision on many statement-level IIFEs', () => {
  it('opens them (the unit finder looks inside) and reports what a full parse reports', async () => {
    const body = `var a = [${Array.from({ length: 60 }, (_, i) => i).join(',')}]; return a.length;`;
    let code = '';
    for (let i = 0; i < 3000; i++) code += `(function () { function f${i}() { ${body} } f${i}(); })();\n`;
    code += 'fetch("http://api.example.com/join?uid=" + user.uid);\n';
    const { fast, full } = await bothWays(code, 'iifes.js');
    expect(findingsView(fast)).toEqual(findingsView(full));
    expect(fast.strings.filter((s) => s.kind === 'literal').length).toBe(full.strings.filter((s) => s.kind === 'literal').length);
  }, 120_000);
});

describe('elision falls back to a full parse when in doubt', () => {
  it('when the tokenizer reads the structure differently from Babel (JSX)', async () => {
    // Without JSX support the tokenizer sees `</div>` as a regex: brackets do not balance as Babel reads them.
    const body = 'const a = 1;'.repeat(40);
    const code = `function View(){ ${body} return <div className="x">{"}"}</div> }\nfetch("http://example.org/?uid=" + uid);\n`;
    const { fast, full } = await bothWays(code, 'view.js');
    expect(fast.meta.elided).toBeUndefined();
    expect(findingsView(fast)).toEqual(findingsView(full));
  });
});
