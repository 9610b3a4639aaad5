// HBC file header (facebook/hermes BytecodeFileFormat.h, `BytecodeFileHeader`): field list per bytecode version.
import { fits } from './bounded.js';

/** "Hermes" in Greek, UTF-16BE, truncated to 8 bytes: the u64 0x1F1903C103BC1FC6 stored little-endian. */
export const HBC_MAGIC = Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]);
/** Delta-prepped files (for binary diffing, not execution) carry the bitwise complement. */
export const HBC_DELTA_MAGIC = Buffer.from(HBC_MAGIC.map((b) => ~b & 0xff));

/** Oldest layout this reader decodes; earlier files had other string-table and kind layouts. */
export const MIN_LAYOUT_VERSION = 84;

export interface HbcHeader {
  version: number;
  delta: boolean;
  sourceHash: string;
  fileLength: number;
  globalCodeIndex: number;
  functionCount: number;
  stringKindCount: number;
  identifierCount: number;
  stringCount: number;
  overflowStringCount: number;
  stringStorageSize: number;
  bigIntCount: number;
  bigIntStorageSize: number;
  regExpCount: number;
  regExpStorageSize: number;
  /** `arrayBufferSize` before v97, `literalValueBufferSize` (array and object values) from v97. */
  valueBufferSize: number;
  objKeyBufferSize: number;
  /** Object value buffer size; only before v97 (0 after). */
  objValueBufferSize: number;
  /** Shape table entries (key buffer offset, property count); only from v97 (0 before). */
  objShapeTableCount: number;
  numStringSwitchImms: number;
  segmentID: number;
  cjsModuleCount: number;
  functionSourceCount: number;
  debugInfoOffset: number;
  options: number;
  /** Bytes the header occupies: the packed struct padded to a multiple of 32 (128 in every version read). */
  headerSize: number;
}

type U32Field = Exclude<keyof HbcHeader, 'version' | 'delta' | 'sourceHash' | 'options' | 'headerSize'>;

/** u32 fields after `sourceHash`, in file order, for bytecode version `v`. */
export function headerFields(v: number): U32Field[] {
  const f: U32Field[] = [
    'fileLength', 'globalCodeIndex', 'functionCount', 'stringKindCount', 'identifierCount',
    'stringCount', 'overflowStringCount', 'stringStorageSize',
  ];
  if (v >= 87) f.push('bigIntCount', 'bigIntStorageSize');
  f.push('regExpCount', 'regExpStorageSize');
  if (v < 97) f.push('valueBufferSize', 'objKeyBufferSize', 'objValueBufferSize');
  else f.push('valueBufferSize', 'objKeyBufferSize', 'objShapeTableCount');
  if (v >= 98) f.push('numStringSwitchImms');
  f.push('segmentID', 'cjsModuleCount');
  if (v >= 84) f.push('functionSourceCount');
  f.push('debugInfoOffset');
  return f;
}

export type HeaderResult = { ok: true; header: HbcHeader } | { ok: false; reason: string };

export function readHeader(data: Buffer): HeaderResult {
  if (!fits(data, 0, 12)) return { ok: false, reason: `file has ${data.length} bytes, too short for an HBC header` };
  const magic = data.subarray(0, 8);
  const delta = magic.equals(HBC_DELTA_MAGIC);
  if (!delta && !magic.equals(HBC_MAGIC)) return { ok: false, reason: 'no HBC magic' };
  const version = data.readUInt32LE(8);
  const fields = headerFields(version);
  const fieldsStart = 12 + 20;
  const structEnd = fieldsStart + fields.length * 4 + 1; // + options byte
  const headerSize = Math.ceil(structEnd / 32) * 32;
  if (!fits(data, 0, headerSize)) {
    return { ok: false, reason: `file has ${data.length} bytes, header of version ${version} needs ${headerSize}` };
  }
  const header: HbcHeader = {
    version, delta, sourceHash: data.subarray(12, 32).toString('hex'),
    fileLength: 0, globalCodeIndex: 0, functionCount: 0, stringKindCount: 0, identifierCount: 0, stringCount: 0,
    overflowStringCount: 0, stringStorageSize: 0, bigIntCount: 0, bigIntStorageSize: 0, regExpCount: 0,
    regExpStorageSize: 0, valueBufferSize: 0, objKeyBufferSize: 0, objValueBufferSize: 0, objShapeTableCount: 0,
    numStringSwitchImms: 0, segmentID: 0, cjsModuleCount: 0, functionSourceCount: 0, debugInfoOffset: 0,
    options: data[structEnd - 1]!, headerSize,
  };
  fields.forEach((name, i) => {
    header[name] = data.readUInt32LE(fieldsStart + i * 4);
  });
  return { ok: true, header };
}
