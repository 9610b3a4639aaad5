// Minified app code whose receivers are untraceable (parameters of functions called more than once): the match
// then needs the vendor SDK in the same artifact plus shape or App-ID evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../scanner/core/facts.js';
import { ensureCorpus, outDir, readJs } from './corpus.js';

const APP = [
  'function q(c,u){return c.join("5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f","room-"+u,null,u)}',
  'function w(a){return a.createClient({mode:"live",codec:"vp8"})}',
  'function z(c,k){return c.join(k,"room",null,1)}',
  'q(w(x1),1);q(w(x2),2);z(y1,k1);z(y2,k2);',
].join('');

let agoraBundle: string;
let withSdk: Facts;
beforeAll(async () => {
  await ensureCorpus();
  agoraBundle = readFileSync(join(outDir, 'agora/app.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
  withSdk = (await readJs(Buffer.from(`${agoraBundle}\n${APP}\n`), 'bundle.js')).facts;
}, 600_000);

describe('receiver-less matching', () => {
  const appLine = () => agoraBundle.split('\n').length + 1;
  const appCalls = () => withSdk.apiCalls.filter((c) => c.line === appLine());

  it('accepts a createClient whose object argument has the rule shape', () => {
    const create = appCalls().find((c) => c.api === 'web-create-client');
    expect(create).toMatchObject({ vendor: 'agora', kind: 'init', inVendorCode: false, callee: 'a.createClient' });
    expect(create!.args.config).toEqual({ kind: 'object', props: { mode: { kind: 'string', value: 'live' }, codec: { kind: 'string', value: 'vp8' } } });
  });

  it('accepts a join whose App ID argument is a literal in the vendor format', () => {
    const joins = appCalls().filter((c) => c.api === 'web-join');
    expect(joins).toHaveLength(1);
    expect(joins[0]).toMatchObject({ callee: 'c.join', inVendorCode: false });
    expect(joins[0]!.args.appId).toEqual({ kind: 'string', value: '5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f' });
    expect(joins[0]!.args.channel).toEqual({ kind: 'unknown', text: '"room-"+u' });
  });

  it('rejects a join with neither receiver, shape nor App ID evidence', () => {
    expect(appCalls().some((c) => c.callee === 'c.join' && c.args.appId?.kind === 'unknown')).toBe(false);
  });

  it('finds the SDK itself by its marker and classifies its code as vendor code', () => {
    expect(withSdk.libraries.find((l) => l.name === 'agora-rtc-sdk-ng')?.version).toBe('4.24.8');
    // Outside the appended line, the only app-code calls are the four of the original agora app.
    const others = withSdk.apiCalls.filter((c) => c.line !== appLine() && !c.inVendorCode);
    expect(others.map((c) => c.api).sort()).toEqual(['web-create-client', 'web-join', 'web-set-area', 'web-set-encryption-config']);
  });

  it('needs the SDK in the same artifact', async () => {
    const { facts } = await readJs(Buffer.from(APP), 'alone.js');
    expect(facts.apiCalls).toEqual([]);
  });
});
