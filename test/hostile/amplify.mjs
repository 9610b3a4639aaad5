// Generators for the amplification and unbounded-output hostile cases (issue 14, items 2 and 3). Each returns
// bytes that are small on disk (or cheap to generate) but would make a naive reader or report produce gigabytes:
// shared references (bplist object refs, AXML attributes, DEX string ids, Hermes string entries all naming the same
// long string), huge scripts, maps and URL lists, overlapping and nested zip members, and an oversized baseline.
// Every case also plants one genuine finding that must still be reported. Generated at test time (the 30 MB
// script never touches the repository); `node test/hostile/amplify.mjs <dir>` writes them all for manual runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { buildZip } from '../helpers/zip-writer.mjs';

/** The planted finding of the script cases: a cleartext Agora endpoint carrying a uid. */
export const PLANTED_JS = 'fetch("http://api.agora.io/room?uid=" + uid);\n';

// ---------------------------------------------------------------------------------------------------------------
// Binary plist: a dict whose first entry turns ATS off (RTC311), then an array of 180,000 references to one
// 100 KB string. 462 KB on disk, 18 GB if every reference becomes its own string.

export function bplistSharedRefs({ refs = 180_000, stringBytes = 100_000 } = {}) {
  const objects = [];
  const add = (buf) => (objects.push(buf), objects.length - 1);
  const ascii = (s) => {
    const b = Buffer.from(s, 'latin1');
    return Buffer.concat([lengthMarker(0x5, b.length), b]);
  };
  // Objects: 0 top dict, 1..n the rest. References are 2 bytes (fewer than 65,536 objects).
  const refSize = 2;
  const top = add(null);
  const kAts = add(ascii('NSAppTransportSecurity'));
  const ats = add(null);
  const kArb = add(ascii('NSAllowsArbitraryLoads'));
  const yes = add(Buffer.from([0x09]));
  const kBig = add(ascii('Padding'));
  const big = add(ascii('x'.repeat(stringBytes)));
  const arr = add(null);
  const refList = (ids) => {
    const b = Buffer.alloc(ids.length * refSize);
    ids.forEach((id, i) => b.writeUInt16BE(id, i * refSize));
    return b;
  };
  objects[ats] = Buffer.concat([lengthMarker(0xd, 1), refList([kArb, yes])]);
  objects[arr] = Buffer.concat([lengthMarker(0xa, refs), refList(new Array(refs).fill(big))]);
  objects[top] = Buffer.concat([lengthMarker(0xd, 2), refList([kAts, kBig, ats, arr])]);
  return bplist(objects, refSize, top);
}

function lengthMarker(type, n) {
  if (n < 15) return Buffer.from([(type << 4) | n]);
  const b = Buffer.alloc(6);
  b[0] = (type << 4) | 0xf;
  b[1] = 0x12; // int, 4 bytes
  b.writeUInt32BE(n, 2);
  return b;
}

function bplist(objects, refSize, top) {
  const parts = [Buffer.from('bplist00', 'latin1')];
  const offsets = [];
  let at = 8;
  for (const o of objects) {
    offsets.push(at);
    parts.push(o);
    at += o.length;
  }
  const table = Buffer.alloc(offsets.length * 4);
  offsets.forEach((o, i) => table.writeUInt32BE(o, i * 4));
  const trailer = Buffer.alloc(32);
  trailer[6] = 4; // offset size
  trailer[7] = refSize;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([...parts, table, trailer]);
}

// ---------------------------------------------------------------------------------------------------------------
// Binary AndroidManifest: <manifest><application android:usesCleartextTraffic="true"> (RTC313), then elements with
// 65,535 attributes each, every value naming the same 32 KB pool string. 3.5 MB on disk, ~5.7 GB as strings.

const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

export function axmlSharedStrings({ attributes = 175_000, stringBytes = 32_000 } = {}) {
  const pool = ['android', ANDROID_NS, 'manifest', 'application', 'usesCleartextTraffic', 'meta-data', 'v', 'y'.repeat(stringBytes)];
  const idx = Object.fromEntries(pool.map((s, i) => [s, i]));
  const chunks = [stringPoolUtf8(pool)];
  chunks.push(xmlNode(0x0100, [idx.android, idx[ANDROID_NS]])); // start namespace
  chunks.push(startElement(idx.manifest, []));
  chunks.push(startElement(idx.application, [[idx[ANDROID_NS], idx.usesCleartextTraffic, 0xffffffff, 0x12, 0xffffffff]]));
  for (let left = attributes; left > 0; left -= 65_535) {
    const n = Math.min(left, 65_535);
    const attrs = new Array(n).fill([0xffffffff, idx.v, idx['y'.repeat(stringBytes)], 0x03, idx['y'.repeat(stringBytes)]]);
    chunks.push(startElement(idx['meta-data'], attrs), xmlNode(0x0103, [0xffffffff, idx['meta-data']]));
  }
  chunks.push(xmlNode(0x0103, [0xffffffff, idx.application]), xmlNode(0x0103, [0xffffffff, idx.manifest]));
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0x0003, 0);
  head.writeUInt16LE(8, 2);
  head.writeUInt32LE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

function stringPoolUtf8(strings) {
  const data = [];
  const offsets = [];
  let at = 0;
  for (const s of strings) {
    const b = Buffer.from(s, 'utf8');
    const len = (n) => (n < 0x80 ? Buffer.from([n]) : Buffer.from([0x80 | (n >> 8), n & 0xff]));
    const item = Buffer.concat([len(s.length), len(b.length), b, Buffer.from([0])]);
    offsets.push(at);
    data.push(item);
    at += item.length;
  }
  let strData = Buffer.concat(data);
  if (strData.length % 4) strData = Buffer.concat([strData, Buffer.alloc(4 - (strData.length % 4))]);
  const headerSize = 28;
  const offs = Buffer.alloc(offsets.length * 4);
  offsets.forEach((o, i) => offs.writeUInt32LE(o, i * 4));
  const h = Buffer.alloc(headerSize);
  h.writeUInt16LE(0x0001, 0);
  h.writeUInt16LE(headerSize, 2);
  h.writeUInt32LE(headerSize + offs.length + strData.length, 4);
  h.writeUInt32LE(strings.length, 8);
  h.writeUInt32LE(0, 12);
  h.writeUInt32LE(0x100, 16); // UTF-8
  h.writeUInt32LE(headerSize + offs.length, 20);
  return Buffer.concat([h, offs, strData]);
}

/** A ResXMLTree node (16-byte header: type, headerSize, size, lineNumber, comment) with u32 fields after it. */
function xmlNode(type, fields, extra = Buffer.alloc(0)) {
  const h = Buffer.alloc(16 + fields.length * 4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(16, 2);
  h.writeUInt32LE(h.length + extra.length, 4);
  h.writeUInt32LE(1, 8);
  h.writeUInt32LE(0xffffffff, 12);
  fields.forEach((f, i) => h.writeUInt32LE(f >>> 0, 16 + i * 4));
  return Buffer.concat([h, extra]);
}

/** attrs: [ns, name, rawValue, dataType, data]. */
function startElement(name, attrs) {
  const ext = Buffer.alloc(20);
  ext.writeUInt32LE(0xffffffff, 0); // ns
  ext.writeUInt32LE(name, 4);
  ext.writeUInt16LE(20, 8); // attributeStart
  ext.writeUInt16LE(20, 10); // attributeSize
  ext.writeUInt16LE(attrs.length, 12);
  const a = Buffer.alloc(attrs.length * 20);
  attrs.forEach(([ns, n, raw, type, data], i) => {
    const o = i * 20;
    a.writeUInt32LE(ns >>> 0, o);
    a.writeUInt32LE(n >>> 0, o + 4);
    a.writeUInt32LE(raw >>> 0, o + 8);
    a.writeUInt16LE(8, o + 12);
    a[o + 15] = type;
    a.writeUInt32LE(data >>> 0, o + 16);
  });
  const node = Buffer.alloc(16);
  node.writeUInt16LE(0x0102, 0);
  node.writeUInt16LE(16, 2);
  node.writeUInt32LE(16 + 20 + a.length, 4);
  node.writeUInt32LE(1, 8);
  node.writeUInt32LE(0xffffffff, 12);
  return Buffer.concat([node, ext, a]);
}

// ---------------------------------------------------------------------------------------------------------------
// DEX: a real classes.dex (which references the Agora SDK, RTC101) whose string_ids table is moved to the end and
// grown by 500,000 ids that all point at one 256 KB string. 2.3 MB on disk, 128 GB as strings.

export function dexSharedStrings(realDex, { ids = 500_000, stringBytes = 256 * 1024 } = {}) {
  const oldSize = realDex.readUInt32LE(56);
  const oldOff = realDex.readUInt32LE(60);
  const oldIds = realDex.subarray(oldOff, oldOff + oldSize * 4);
  const bigAt = realDex.length;
  const big = Buffer.concat([uleb128(stringBytes), Buffer.alloc(stringBytes, 0x7a), Buffer.from([0])]);
  let tableAt = bigAt + big.length;
  const pad = Buffer.alloc((4 - (tableAt % 4)) % 4);
  tableAt += pad.length;
  const extra = Buffer.alloc(ids * 4);
  for (let i = 0; i < ids; i++) extra.writeUInt32LE(bigAt, i * 4);
  const out = Buffer.concat([realDex, big, pad, oldIds, extra]);
  out.writeUInt32LE(out.length, 32); // file_size
  out.writeUInt32LE(oldSize + ids, 56);
  out.writeUInt32LE(tableAt, 60);
  return out;
}

function uleb128(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Hermes (HBC v96): no functions, a string table of 570,000 entries: the first is a cleartext Agora endpoint (RTC201),
// every other one is an overflow entry naming the same 256 KB of storage. 2.3 MB on disk, 146 GB as strings.

export function hermesSharedStrings({ strings = 570_000, stringBytes = 256 * 1024 } = {}) {
  const version = 96;
  const planted = Buffer.from('wss://webrtc2-ap-web-1.agora.io/uid=42', 'latin1');
  const storage = Buffer.concat([planted, Buffer.alloc(stringBytes, 0x71)]);
  const fields = {
    fileLength: 0, globalCodeIndex: 0, functionCount: 0, stringKindCount: 1, identifierCount: 0, stringCount: strings,
    overflowStringCount: 1, stringStorageSize: storage.length, bigIntCount: 0, bigIntStorageSize: 0, regExpCount: 0,
    regExpStorageSize: 0, valueBufferSize: 0, objKeyBufferSize: 0, objValueBufferSize: 0, segmentID: 0, cjsModuleCount: 0,
    functionSourceCount: 0, debugInfoOffset: 0,
  };
  const names = Object.keys(fields);
  const header = Buffer.alloc(128);
  Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]).copy(header, 0);
  header.writeUInt32LE(version, 8);
  const kinds = Buffer.alloc(4);
  kinds.writeUInt32LE(strings, 0); // one run of plain strings
  const small = Buffer.alloc(strings * 4);
  small.writeUInt32LE(((planted.length << 24) | (0 << 1)) >>> 0, 0);
  for (let i = 1; i < strings; i++) small.writeUInt32LE(((255 << 24) | (0 << 1)) >>> 0, i * 4); // overflow entry 0
  const overflow = Buffer.alloc(8);
  overflow.writeUInt32LE(planted.length, 0);
  overflow.writeUInt32LE(stringBytes, 4);
  const pad4 = (b) => (b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b);
  const body = Buffer.concat([kinds, pad4(small), overflow, pad4(storage)]);
  const footer = Buffer.alloc(20);
  fields.fileLength = header.length + body.length + footer.length;
  names.forEach((n, i) => header.writeUInt32LE(fields[n], 32 + i * 4));
  return Buffer.concat([header, body, footer]);
}

// ---------------------------------------------------------------------------------------------------------------
// Scripts, URL lists and maps.

/** A minified-looking script of `bytes` bytes: many small functions, calls and literals, the planted call first. */
export function minifiedScript(bytes = 30 * 1024 * 1024) {
  const unit = (i) => `function f${i}(a,b){var c=a.k${i % 97}+b*${i % 13};return c>${i}?g(a,[1,2,c],{x:b,y:"s${i}"}):h(c)}`;
  const parts = [PLANTED_JS];
  let n = PLANTED_JS.length;
  for (let i = 0; n < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return Buffer.from(parts.join(''));
}

/**
 * `count` keyword-free top-level functions of `statements` statements each, after the planted call: the JS
 * reader's skeleton (bodies blanked) holds ~9 tokens per function, so `count` sets the parse cost, `statements`
 * the file size. 48,000 functions stay under the parse budget (analysed); 120,000 go past it.
 */
export function manyFunctions({ count = 48_000, statements = 10 } = {}) {
  const parts = [PLANTED_JS];
  for (let i = 0; i < count; i++) parts.push(`function f${i}(a,b){var c=a.k${i % 97}+b*${i % 13};${'c=c*3+1;'.repeat(statements)}return c}`);
  return Buffer.from(parts.join(''));
}

/** `count` distinct string literals in one array, after the planted call. */
export function manyLiterals(count = 1_000_000) {
  const parts = [PLANTED_JS, 'var L=['];
  for (let i = 0; i < count; i++) parts.push(`"v${i.toString(36)}",`);
  parts.push('0];\n');
  return Buffer.from(parts.join(''));
}

/** A text file of `count` distinct http URLs (one per line), the planted vendor endpoint first. */
export function manyUrls(count = 200_000) {
  const parts = ['endpoint=https://api.agora.io/v1/apps\n'];
  for (let i = 0; i < count; i++) parts.push(`u=http://h${i}.example-cdn.net/p\n`);
  return Buffer.from(parts.join(''));
}

/** A small script with the planted call and a sibling source map of `bytes` bytes (mostly mappings). */
export function hugeSourceMap(bytes = 50 * 1024 * 1024) {
  const js = Buffer.from(`${PLANTED_JS}//# sourceMappingURL=app.js.map\n`);
  const seg = 'AAAA,';
  const lines = [];
  const perLine = 100_000;
  for (let total = 0; total < bytes - 200; total += perLine * seg.length + 1) lines.push(seg.repeat(perLine).slice(0, -1));
  const map = Buffer.from(JSON.stringify({ version: 3, sources: ['src/app.ts'], names: [], mappings: lines.join(';') }));
  return { js, map };
}

// ---------------------------------------------------------------------------------------------------------------
// Archives.

const DOS_DATE = (46 << 9) | (1 << 5) | 1;

/**
 * An IPA of `members` central-directory entries that all point at one local header holding 1 MiB of script
 * (deflated to a few KB), plus the planted script: ~290 KB on disk, 4 GB of identical members.
 */
export function overlappingScriptsIpa({ members = 4000 } = {}) {
  const unit = 'var q=[1,2,3].map(function(x){return fetch("https://cdn.example.com/a?x="+x)});\n';
  const mib = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / unit.length))).subarray(0, 1024 * 1024);
  const list = [{ name: 'Payload/A.app/0-main.js', data: Buffer.from(PLANTED_JS) }, { name: 'Payload/A.app/m00000.js', data: mib }];
  for (let i = 1; i < members; i++) list.push({ name: `Payload/A.app/m${String(i).padStart(5, '0')}.js`, sharesDataWith: 1 });
  return buildZip(list, { level: 9, dosDate: DOS_DATE });
}

/**
 * An IPA of 4,096 entries sharing one local header of exactly 1 MiB of zeros (at the ratio limit's floor, so no
 * single member is a bomb): 300 KB on disk, 4 GiB inflated in total.
 */
export function inflationIpa({ members = 4096 } = {}) {
  const list = [{ name: 'Payload/A.app/0-main.js', data: Buffer.from(PLANTED_JS) }, { name: 'Payload/A.app/z00000.bin', data: Buffer.alloc(1024 * 1024) }];
  for (let i = 1; i < members; i++) list.push({ name: `Payload/A.app/z${String(i).padStart(5, '0')}.bin`, sharesDataWith: 1 });
  return buildZip(list, { level: 9, dosDate: DOS_DATE });
}

/**
 * Zips nested `depth` levels below the top (within the default nesting limit), every level `fanout` entries sharing
 * one stored copy of the level below; the innermost holds `fanout` members with traversal names (one notification
 * each): fanout^(depth+2) = 65,536 notifications from 5 KB.
 */
export function notificationBombZip({ fanout = 16, depth = 2 } = {}) {
  let inner = buildZip(
    Array.from({ length: fanout }, (_, i) => ({ name: `../../evil${i}.js`, data: Buffer.from('x') })),
    { dosDate: DOS_DATE },
  );
  for (let d = 0; d < depth; d++) {
    const list = [{ name: `l${d}-00.zip`, data: inner, method: 0 }];
    for (let i = 1; i < fanout; i++) list.push({ name: `l${d}-${String(i).padStart(2, '0')}.zip`, sharesDataWith: 0 });
    inner = buildZip(list, { dosDate: DOS_DATE });
  }
  const top = [{ name: 'Payload/A.app/0-main.js', data: Buffer.from(PLANTED_JS) }, { name: 'Payload/A.app/n00.zip', data: inner, method: 0 }];
  for (let i = 1; i < fanout; i++) top.push({ name: `Payload/A.app/n${String(i).padStart(2, '0')}.zip`, sharesDataWith: 1 });
  return buildZip(top, { dosDate: DOS_DATE });
}

/** A syntactically valid SARIF baseline of about `bytes` bytes (one run, results of one padded message). */
export function hugeBaseline(bytes = 600 * 1024 * 1024) {
  const head = '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"rtcscan"}},"results":[';
  const one = JSON.stringify({ ruleId: 'RTC201', message: { text: 'p'.repeat(1000) }, partialFingerprints: { 'rtcscan/v1': 'x' } });
  const n = Math.ceil(bytes / (one.length + 1));
  return { head, one, n, tail: ']}]}' };
}

export function deflatedSize(buf) {
  return deflateRawSync(buf).length;
}

// Manual use: write every case into a folder.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const dir = process.argv[2] ?? 'hostile-amplify';
  mkdirSync(dir, { recursive: true });
  const fx = (p) => readFileSync(join(import.meta.dirname, '../fixtures', p));
  const cases = {
    'shared-refs.plist': bplistSharedRefs(),
    'AndroidManifest.xml': axmlSharedStrings(),
    'shared-strings.dex': dexSharedStrings(fx('dex/classes.dex')),
    'shared-strings.hbc': hermesSharedStrings(),
    'minified-30mb.js': minifiedScript(),
    'literals-1m.js': manyLiterals(),
    'urls-200k.txt': manyUrls(),
    'overlapping.ipa': overlappingScriptsIpa(),
    'inflation.ipa': inflationIpa(),
    'notification-bomb.zip': notificationBombZip(),
  };
  const sm = hugeSourceMap();
  mkdirSync(join(dir, 'map'), { recursive: true });
  writeFileSync(join(dir, 'map/app.js'), sm.js);
  writeFileSync(join(dir, 'map/app.js.map'), sm.map);
  for (const [n, b] of Object.entries(cases)) writeFileSync(join(dir, n), b);
  console.log(Object.entries(cases).map(([n, b]) => `${n} ${b.length}`).join('\n'));
}
