// Structural check of a binary plist before it is decoded (bplist-decode.ts). A naive decoder follows offsets and
// object references as the file states them, with no cycle check and no bound on shared references, so a
// 100-byte file can make it recurse forever or expand into billions of nodes. This walks the trailer, the
// offset table and every container's references once, and accepts the file only when the object graph is a
// DAG whose expansion (what the library will build) stays small.

/** Most objects the parsed tree may contain (shared objects count once per use). */
export const MAX_EXPANDED_OBJECTS = 200_000;
/** Deepest nesting accepted; the library recurses once per level. */
export const MAX_DEPTH = 512;

interface ObjectInfo {
  children: number[];
}

/** Returns undefined when the binary plist is safe to parse, else the first problem found. */
export function checkBinaryPlist(buf: Buffer): string | undefined {
  if (buf.length < 8 + 32) return 'file is too short for a binary plist trailer';
  if (buf.toString('latin1', 0, 8) !== 'bplist00') return 'only bplist00 is supported';
  const t = buf.length - 32;
  const offsetSize = buf[t + 6]!;
  const refSize = buf[t + 7]!;
  if (![1, 2, 4, 8].includes(offsetSize) || ![1, 2, 4, 8].includes(refSize)) {
    return `bad trailer: offset size ${offsetSize}, reference size ${refSize}`;
  }
  const numObjects = readUIntBE(buf, t + 8, 8);
  const top = readUIntBE(buf, t + 16, 8);
  const tableAt = readUIntBE(buf, t + 24, 8);
  if (numObjects < 1 || top >= numObjects) return `bad trailer: ${numObjects} objects, top object ${top}`;
  if (tableAt < 8 || tableAt > t || numObjects > (t - tableAt) / offsetSize) {
    return `offset table (${numObjects} entries at ${tableAt}) does not fit before the trailer`;
  }
  const objects: ObjectInfo[] = [];
  for (let i = 0; i < numObjects; i++) {
    const at = readUIntBE(buf, tableAt + i * offsetSize, offsetSize);
    if (at < 8 || at >= tableAt) return `object ${i} offset ${at} lies outside the object area`;
    const info = readObject(buf, at, tableAt, refSize, numObjects);
    if (typeof info === 'string') return `object ${i}: ${info}`;
    objects.push(info);
  }
  return checkGraph(objects, top);
}

function readUIntBE(buf: Buffer, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[at + i]!;
  return v;
}

/** Parses one object's marker and extent; returns its references, or why it is unacceptable. */
function readObject(buf: Buffer, at: number, end: number, refSize: number, numObjects: number): ObjectInfo | string {
  const marker = buf[at]!;
  const type = marker >> 4;
  const info = marker & 0x0f;
  const fits = (n: number): boolean => at + n <= end;
  // Length of strings, data and containers: the low nibble, or a following int object when it is 0xF.
  const count = (): [number, number] | string => {
    if (info !== 0x0f) return [info, 1];
    const m = buf[at + 1];
    if (m === undefined || at + 2 > end || m >> 4 !== 1 || (m & 0x0f) > 3) return 'bad length marker';
    const n = 1 << (m & 0x0f);
    if (!fits(2 + n)) return 'length runs past the object area';
    return [readUIntBE(buf, at + 2, n), 2 + n];
  };
  switch (type) {
    case 0x0:
      return [0x00, 0x08, 0x09, 0x0f].includes(marker) ? { children: [] } : `unknown singleton 0x${marker.toString(16)}`;
    case 0x1:
      return info <= 4 && fits(1 + (1 << info)) ? { children: [] } : 'bad integer';
    case 0x2:
      return (info === 2 || info === 3) && fits(1 + (1 << info)) ? { children: [] } : 'bad real';
    case 0x3:
      return info === 3 && fits(9) ? { children: [] } : 'bad date';
    case 0x8:
      return fits(2 + info) ? { children: [] } : 'bad UID';
    case 0x4:
    case 0x5:
    case 0x6: {
      const c = count();
      if (typeof c === 'string') return c;
      const bytes = type === 0x6 ? c[0] * 2 : c[0];
      return bytes <= end - at - c[1] ? { children: [] } : `${c[0]}-unit value runs past the object area`;
    }
    case 0xa:
    case 0xd: {
      const c = count();
      if (typeof c === 'string') return c;
      const refs = type === 0xd ? c[0] * 2 : c[0];
      if (refs > (end - at - c[1]) / refSize) return `container of ${c[0]} entries runs past the object area`;
      const children: number[] = [];
      for (let i = 0; i < refs; i++) {
        const r = readUIntBE(buf, at + c[1] + i * refSize, refSize);
        if (r >= numObjects) return `reference ${r} out of range (${numObjects} objects)`;
        children.push(r);
      }
      return { children };
    }
    default:
      return `unsupported object type 0x${type.toString(16)}`;
  }
}

/** Rejects reference cycles, too deep nesting and trees that expand past MAX_EXPANDED_OBJECTS. */
function checkGraph(objects: ObjectInfo[], top: number): string | undefined {
  const expanded = new Float64Array(objects.length); // expanded size once known, 0 = not yet
  const depth = new Uint32Array(objects.length); // height once known
  const state = new Uint8Array(objects.length); // 0 new, 1 on the stack, 2 done
  // Iterative post-order DFS so a deep file cannot overflow our own stack.
  const stack: Array<[node: number, next: number]> = [[top, 0]];
  state[top] = 1;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const [node, next] = frame;
    const children = objects[node]!.children;
    if (next < children.length) {
      frame[1]++;
      const c = children[next]!;
      if (state[c] === 1) return `object ${c} contains itself`;
      if (state[c] === 0) {
        if (stack.length >= MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH}`;
        state[c] = 1;
        stack.push([c, 0]);
      }
      continue;
    }
    let size = 1;
    let height = 0;
    for (const c of children) {
      size += expanded[c]!;
      height = Math.max(height, depth[c]! + 1);
    }
    if (size > MAX_EXPANDED_OBJECTS) return `shared references expand to more than ${MAX_EXPANDED_OBJECTS} objects`;
    if (height > MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH}`;
    expanded[node] = size;
    depth[node] = height;
    state[node] = 2;
    stack.pop();
  }
  return undefined;
}
