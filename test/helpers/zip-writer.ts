// A tiny zip writer for tests: it must produce well-formed archives and deliberately malformed ones (lying sizes,
// traversal names, symlink modes, encryption flags, shared data), which no zip library will write.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMember {
  name: string;
  data?: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** Pre-compressed bytes to store as-is (with `declaredSize`). */
  raw?: Buffer;
  declaredSize?: number;
  flags?: number;
  /** Unix mode for the high 16 bits of the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  /** Point this central-directory entry at the local header of an earlier member (index) instead of its own. */
  sharesDataWith?: number;
}

export function buildZip(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  const infos: { crc: number; csize: number; usize: number; method: number }[] = [];
  let offset = 0;
  members.forEach((m, i) => {
    const name = Buffer.from(m.name, 'utf8');
    let info: { crc: number; csize: number; usize: number; method: number };
    let localOffset = offset;
    if (m.sharesDataWith !== undefined) {
      info = infos[m.sharesDataWith];
      localOffset = offsets[m.sharesDataWith];
    } else {
      const data = m.data ?? Buffer.alloc(0);
      const method = m.raw ? 8 : (m.method ?? 8);
      const body = m.raw ?? (method === 8 ? deflateRawSync(data) : data);
      info = { crc: crc32(data), csize: body.length, usize: m.declaredSize ?? data.length, method };
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE((m.flags ?? 0) | 0x800, 6);
      h.writeUInt16LE(method, 8);
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
    c.writeUInt32LE(info.crc >>> 0, 16);
    c.writeUInt32LE(info.csize, 20);
    c.writeUInt32LE(info.usize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(((m.unixMode ?? 0o100644) << 16) >>> 0, 38);
    c.writeUInt32LE(localOffset, 42);
    centrals.push(c, name);
    void i;
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
