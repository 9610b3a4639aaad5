// Strings of a Dart AOT snapshot (Flutter's release libapp.so). Its string literals and names are OneByteString
// objects in the snapshot's read-only data: a header, the length as a Smi (length << 1), the bytes, zero padding to
// the object alignment. The rest of .rodata is the snapshot's serialized stream, where printable runs are chance
// bytes (`j.jp` in a real snapshot). A printable run is a string when the bytes before its data hold its length where
// one of the VM's layouts puts it:
//   64-bit              tags + hash (8), Smi length (8), bytes          → length in the 8 bytes before the data
//   64-bit, compressed  tags + hash (8), Smi length (4), bytes          → length in the 4 bytes before the data
//   32-bit              tags (4), Smi length (4), Smi hash (4), bytes   → length 8 bytes before the data; the hash may be
//                       printable, so a run can start up to 4 bytes before the data
// A string that fills its object to the alignment runs into the next object's tag bytes (up to three are printable
// in real snapshots: flags, size tag, class id); its length says where it ends.

/** The string a printable run [start, end) holds, as [dataStart, dataEnd), or undefined when it is no string object. */
export function dartStringIn(buf: Buffer, start: number, end: number): [number, number] | undefined {
  for (let glued = 0; glued <= 4; glued++) {
    const data = start + glued;
    if (data - 8 < 0) return undefined;
    for (let tail = 0; tail <= 3; tail++) {
      const n = end - tail - data;
      if (n <= 0) continue;
      const smi = n * 2;
      const at8 = buf.readUInt32LE(data - 8);
      const at4 = buf.readUInt32LE(data - 4);
      if (glued === 0 && ((at8 === smi && at4 === 0) || at4 === smi)) return [data, data + n];
      if (at8 === smi) return [data, data + n];
    }
  }
  return undefined;
}
