// Resource chunk framing shared by binary XML (ResChunk_header: u16 type, u16 headerSize, u32 size).
export class AxmlError extends Error {}

export const RES_STRING_POOL_TYPE = 0x0001;
export const RES_XML_TYPE = 0x0003;
export const RES_XML_START_NAMESPACE_TYPE = 0x0100;
export const RES_XML_END_NAMESPACE_TYPE = 0x0101;
export const RES_XML_START_ELEMENT_TYPE = 0x0102;
export const RES_XML_END_ELEMENT_TYPE = 0x0103;
export const RES_XML_CDATA_TYPE = 0x0104;
export const RES_XML_RESOURCE_MAP_TYPE = 0x0180;

export interface Chunk {
  type: number;
  headerSize: number;
  size: number;
  start: number;
}

/** The chunk at `at`, checked to lie inside [at, limit). */
export function readChunk(buf: Buffer, at: number, limit: number): Chunk {
  if (at + 8 > limit) throw new AxmlError(`chunk header at 0x${at.toString(16)} runs past the end`);
  const type = buf.readUInt16LE(at);
  const headerSize = buf.readUInt16LE(at + 2);
  const size = buf.readUInt32LE(at + 4);
  if (headerSize < 8 || size < headerSize) {
    throw new AxmlError(`chunk 0x${type.toString(16)} at 0x${at.toString(16)} has header ${headerSize}, size ${size}`);
  }
  if (at + size > limit) {
    throw new AxmlError(`chunk 0x${type.toString(16)} at 0x${at.toString(16)} (size ${size}) runs past the end`);
  }
  return { type, headerSize, size, start: at };
}
