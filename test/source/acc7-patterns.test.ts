// Patterns of the seventh accuracy session (test/fixtures/acc7-patterns, made-up values, each folder scanned as a
// folder as the real apps were): a uni-app request helper object whose base URL comes from conditional compilation.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { inactiveRanges, inRanges } from '../../scanner/formats/js/flow/conditional.js';
import { ROOT } from '../helpers/cli.js';

const FIX = join(ROOT, 'test/fixtures/acc7-patterns');
const scanDir = async (dir: string) => (await scan({ inputs: [dir], rules: defaultRulePack(), workers: 0 })).bundles.flatMap((b) => b.findings);
const run = (dir: string) => scanDir(join(FIX, dir));
const at = (f: Finding) => `${f.location?.artifact.split('/').slice(-2).join('/')}:${f.location?.line}`;
const flows = (f: Finding[]) => f.filter((x) => x.ruleId === 'RTC301').map((x) => `${at(x)} ${String(x.properties.identifier)} ${x.message.match(/\((http[^)]*)\)/)?.[1]}`).sort();

describe('uni-app request helper object', () => {
  it("follows get/post → this.send → new Promise → uni.request({...opts}) and locates each request at its module's call", async () => {
    expect(flows(await run('uni-wrapper'))).toEqual([
      'api/contacts.js:4 userId http://10.20.30.40:8080/contacts/profile/${…}',
      'api/contacts.js:8 room.id http://10.20.30.40:8080/call/hangup',
    ]);
  }, 120_000);

  it('takes the native app build of conditional compilation: an H5-only http base sends nothing in cleartext', async () => {
    // The same app whose http base is kept only for H5 (`/* #ifdef H5 */`); the native app uses https.
    const dir = join(mkdtempSync(join(tmpdir(), 'acc7-')), 'uni-wrapper-h5');
    try {
      cpSync(join(FIX, 'uni-wrapper'), dir, { recursive: true });
      const config = ['export default {', '\t/* #ifdef H5 */', '\tapiBase: "http://10.20.30.40:8080",', '\t/* #endif */', '\t/* #ifndef H5 */', '\tapiBase: "https://api.example-fixture.io",', '\t/* #endif */', '}', ''];
      writeFileSync(join(dir, 'common/config.js'), config.join('\n'));
      const found = await scanDir(dir);
      expect(flows(found)).toEqual([]);
      // The H5 base is still an endpoint of the source (only the dataflow follows the app build).
      expect(found.some((f) => f.ruleId === 'RTC302')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('uni-app conditional compilation ranges', () => {
  const code = ['a', '// #ifdef H5', 'b', '// #endif', '/* #ifndef APP-PLUS */', 'c', '/* #endif */', '// #ifdef VUE3', 'd', '// #endif', '// #ifdef APP-NVUE', 'e', '// #endif'].join('\n');
  const kept = (path: string) => {
    const r = inactiveRanges(code, path);
    return ['a', 'b', 'c', 'd', 'e'].filter((x) => !inRanges(r, code.indexOf(`\n${x}`) + 1));
  };
  it('leaves out H5 / not-APP blocks, keeps unknown conditions (VUE3), nvue-only blocks only in .nvue pages', () => {
    expect(kept('pages/a.vue')).toEqual(['a', 'd']);
    expect(kept('pages/a.nvue')).toEqual(['a', 'd', 'e']);
    expect(inactiveRanges('const x = 1', 'a.js')).toEqual([]);
  });
});
