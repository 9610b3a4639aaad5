// The own binary plist decoder gives the values bplist-parser gives on the real fixture, and decodes a shared
// object once (every reference gets the same JS value).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBuffer } from 'bplist-parser';
import { checkBinaryPlist } from './bplist-guard.js';
import { decodeBinaryPlist } from './bplist-decode.js';
import { bplistSharedRefs } from '../../../test/hostile/amplify.mjs';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)));

describe('binary plist decoder', () => {
  it('matches bplist-parser on the real Info.binary.plist', () => {
    const buf = readFileSync(join(import.meta.dirname, '../../../test/fixtures/plist/Info.binary.plist'));
    expect(checkBinaryPlist(buf)).toBeUndefined();
    expect(plain(decodeBinaryPlist(buf))).toEqual(plain(parseBuffer(buf)[0]));
  });

  it('decodes a shared object once: 1,000 references, one string', () => {
    const buf = bplistSharedRefs({ refs: 1000, stringBytes: 5000 });
    expect(checkBinaryPlist(buf)).toBeUndefined();
    const top = decodeBinaryPlist(buf) as { Padding: string[]; NSAppTransportSecurity: Record<string, boolean> };
    expect(top.NSAppTransportSecurity.NSAllowsArbitraryLoads).toBe(true);
    expect(top.Padding).toHaveLength(1000);
    expect(new Set(top.Padding).size).toBe(1);
  });
});
