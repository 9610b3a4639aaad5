#!/usr/bin/env node
// Builds the committed hostile corpus in test/hostile/corpus/ from the real fixtures and a seeded keystream:
// zip bombs (ratio, nesting), traversal/absolute/symlink members, truncated, empty and random ".ipa" files,
// 50,000-deep JS nesting, invalid UTF-8, and Hermes/Mach-O/DEX/ELF with out-of-range offsets and lying counts.
// Deterministic: `node test/hostile/build.mjs` rewrites identical bytes. The zip writer is the tests' own
// (test/helpers/zip-writer.mjs): no zip library writes traversal names or lying headers on purpose.
import { createCipheriv, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZip } from '../helpers/zip-writer.mjs';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(import.meta.dirname, 'corpus');
const fx = (p) => readFileSync(join(ROOT, 'test/fixtures', p));

function seeded(label, n) {
  const k = createHash('sha256').update(`hostile:${label}`).digest();
  return createCipheriv('aes-128-ctr', k.subarray(0, 16), k.subarray(16, 32)).update(Buffer.alloc(n));
}

/** members: { name, data, method (0|8, default 8), unixMode } → zip bytes (deflate level 9, DOS date 2026-01-01). */
const zip = (members) => buildZip(members, { level: 9, dosDate: (46 << 9) | (1 << 5) | 1 });

const patch = (buf, edits) => {
  const b = Buffer.from(buf);
  for (const [at, size, value] of edits) {
    if (size === 2) b.writeUInt16LE(value, at);
    else if (size === 4) b.writeUInt32LE(value >>> 0, at);
    else b.writeBigUInt64LE(BigInt(value), at);
  }
  return b;
};

const files = {};
const js = Buffer.from('fetch("http://api.example.com/room?uid=" + uid);\n');
// Zip bombs: one 64 MiB member of zeros (ratio ~1000:1) and archives nested 8 deep around a 16 MiB member.
files['bomb-ratio.ipa'] = zip([{ name: 'Payload/Bomb.app/Assets.car', data: Buffer.alloc(64 * 1024 * 1024) }, { name: 'Payload/Bomb.app/main.js', data: js }]);
let nested = zip([{ name: 'zeros.bin', data: Buffer.alloc(16 * 1024 * 1024) }]);
for (let i = 0; i < 8; i++) nested = zip([{ name: `level${i}.zip`, data: nested }]);
files['bomb-nested.zip'] = nested;
// Traversal, absolute and symlink members.
files['traversal.ipa'] = zip([
  { name: '../../../../tmp/rtcscan-evil.js', data: js },
  { name: '/etc/rtcscan-abs.js', data: js },
  { name: 'Payload/X.app/..\\..\\win.js', data: js },
  { name: 'Payload/X.app/link.js', data: Buffer.from('/etc/passwd'), method: 0, unixMode: 0o120777 },
  { name: 'Payload/X.app/main.js', data: js },
]);
// Truncated, empty, random.
const real = zip([{ name: 'Payload/X.app/Info.plist', data: fx('plist/Info.plist') }, { name: 'Payload/X.app/X', data: fx('macho/App') }]);
files['truncated.ipa'] = real.subarray(0, Math.floor(real.length / 2));
files['zero.ipa'] = Buffer.alloc(0);
files['random.ipa'] = seeded('random', 64 * 1024);
// Deep nesting and invalid UTF-8 in JavaScript.
const D = 50_000;
// `fetch` is a prefilter keyword, so these go through the full parser and analysis, not only the literal scan.
files['deep-brackets.js'] = Buffer.from('fetch("http://edge.agora.io/?uid=1", ' + '['.repeat(D) + ']'.repeat(D) + ');\n');
files['deep-parens.js'] = Buffer.from('fetch("http://edge.agora.io/?uid=1", ' + '('.repeat(D) + '0' + ')'.repeat(D) + ');\n');
files['invalid-utf8.js'] = Buffer.concat([Buffer.from('var s = "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from('http://edge.agora.io/x";\nvar t = "\uD800";\n')]);
// Binaries with lying counts and out-of-range offsets (header field offsets as in the format specs).
const hbc = fx('hermes/app-v96.hbc');
files['hermes-lying-counts.hbc'] = patch(hbc, [[40, 4, 0xffffffff], [48, 4, 0x7fffffff], [52, 4, 0x7fffffff]]); // function, identifier, string counts
files['hermes-bad-length.hbc'] = patch(hbc, [[32, 4, 0xfffffff0]]); // fileLength past the end
const macho = fx('macho/App');
files['macho-lying-ncmds'] = patch(macho, [[16, 4, 0xffffffff], [20, 4, 0xfffffff0]]); // ncmds, sizeofcmds
files['macho-bad-cmdsize'] = patch(macho, [[32 + 4, 4, 0xfffffff0]]); // first load command's cmdsize
const dex = fx('dex/classes.dex');
files['dex-lying-counts.dex'] = patch(dex, [[56, 4, 0x7fffffff], [60, 4, 0xfffffff0], [52, 4, 0xfffffff0]]); // string_ids size/off, map_off
const elf = fx('elf/arm64-v8a/libagora-rtc-sdk.so');
files['elf-bad-offsets.so'] = patch(elf, [[40, 8, 0x7fffffffffff], [60, 2, 0xffff], [32, 8, 0x7ffffffffff0]]); // e_shoff, e_shnum, e_phoff
files['lying-binaries.ipa'] = zip(
  ['hermes-lying-counts.hbc', 'macho-lying-ncmds', 'dex-lying-counts.dex', 'elf-bad-offsets.so'].map((n) => ({ name: `Payload/X.app/${n.replace('hermes-lying-counts.hbc', 'main.jsbundle')}`, data: files[n] })),
);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const [name, data] of Object.entries(files)) writeFileSync(join(OUT, name), data);
console.log(Object.entries(files).map(([n, d]) => `${n} ${d.length}`).join('\n'));
