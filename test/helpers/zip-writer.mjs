// A tiny zip writer for tests and the hostile corpus: it must produce well-formed archives and deliberately malformed
// ones (lying sizes, traversal names, symlink modes, encryption flags, shared data), which no zip library will write.
// Plain JavaScript so that the corpus build script (node, no TypeScript) and the tests share it.
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * @typedef {object} ZipMember
 * @property {string} name
 * @property {Buffer} [data]
 * @property {0 | 8} [method] 0 stored, 8 deflate (default).
 * @property {Buffer} [raw] Pre-compressed bytes to store as-is (with `declaredSize`).
 * @property {number} [declaredSize]
 * @property {number} [flags]
 * @property {number} [unixMode] Unix mode for the high 16 bits of the external attributes (0o120777: a symlink).
 * @property {number} [sharesDataWith] Point this central-directory entry at an earlier member's local header.
 */

/**
 * @param {ZipMember[]} members
 * @param {{ level?: number, dosDate?: number }} [options] deflate level; DOS date of every member (default 0).
 * @returns {Buffer}
 */
export function buildZip(members, options = {}) {
  const locals = [];
  const centrals = [];
  const offsets = [];
  const infos = [];
  const dosDate = options.dosDate ?? 0;
  let offset = 0;
  members.forEach((m) => {
    const name = Buffer.from(m.name, 'utf8');
    let info;
    let localOffset = offset;
    if (m.sharesDataWith !== undefined) {
      info = infos[m.sharesDataWith];
      localOffset = offsets[m.sharesDataWith];
    } else {
      const data = m.data ?? Buffer.alloc(0);
      const method = m.raw ? 8 : (m.method ?? 8);
      const body = m.raw ?? (method === 8 ? deflateRawSync(data, options.level === undefined ? {} : { level: options.level }) : data);
      info = { crc: crc32(data), csize: body.length, usize: m.declaredSize ?? data.length, method };
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE((m.flags ?? 0) | 0x800, 6); // UTF-8 names
      h.writeUInt16LE(method, 8);
      h.writeUInt16LE(dosDate, 12);
      h.writeUInt32LE(info.crc >>> 0, 14);
      h.writeUInt32LE(info.csize, 18);
      h.writeUInt32LE(info.usize, 22);
      h.writeUInt16LE(name.length, 26);
      locals.push(h, name, body);
      offset += h.length + name.length + body.length;
    }
    offsets.push(localOffset);
    infos.push(info);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE((m.flags ?? 0) | 0x800, 8);
    c.writeUInt16LE(info.method, 10);
    c.writeUInt16LE(dosDate, 14);
    c.writeUInt32LE(info.crc >>> 0, 16);
    c.writeUInt32LE(info.csize, 20);
    c.writeUInt32LE(info.usize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(((m.unixMode ?? 0o100644) << 16) >>> 0, 38);
    c.writeUInt32LE(localOffset, 42);
    centrals.push(c, name);
  });
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
