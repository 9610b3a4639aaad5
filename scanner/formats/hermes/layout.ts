// Where each section of an HBC file starts (BytecodeFileFormat.h `visitBytecodeSegmentsInOrder`): they follow the
// header in a fixed order, each aligned to 4 bytes. Only the sections the reader uses are located.
import { align4 } from './bounded.js';
import type { HbcHeader } from './header.js';

export interface Section {
  offset: number;
  size: number;
}

export interface HbcLayout {
  /** Bytes per small function header: 16 before v97, 12 from v97. */
  smallFuncHeaderSize: number;
  functionHeaders: Section;
  stringKinds: Section;
  identifierHashes: Section;
  smallStringTable: Section;
  overflowStringTable: Section;
  stringStorage: Section;
  /** Array literal buffer (v<97) or the shared literal value buffer (v97+). */
  valueBuffer: Section;
  objKeyBuffer: Section;
  /** Object value buffer (v<97 only; empty otherwise). */
  objValueBuffer: Section;
  /** Object shape table (v97+ only; empty otherwise). */
  objShapeTable: Section;
  /** End of the last located section. */
  end: number;
}

export function computeLayout(h: HbcHeader): HbcLayout {
  const modern = h.version >= 97;
  let pos = h.headerSize;
  const next = (size: number): Section => {
    const s = { offset: pos, size };
    pos = align4(pos + size);
    return s;
  };
  const smallFuncHeaderSize = modern ? 12 : 16;
  const functionHeaders = next(h.functionCount * smallFuncHeaderSize);
  const stringKinds = next(h.stringKindCount * 4);
  const identifierHashes = next(h.identifierCount * 4);
  const smallStringTable = next(h.stringCount * 4);
  const overflowStringTable = next(h.overflowStringCount * 8);
  const stringStorage = next(h.stringStorageSize);
  const valueBuffer = next(h.valueBufferSize);
  const objKeyBuffer = next(h.objKeyBufferSize);
  const objValueBuffer = modern ? { offset: pos, size: 0 } : next(h.objValueBufferSize);
  const objShapeTable = modern ? next(h.objShapeTableCount * 8) : { offset: pos, size: 0 };
  return {
    smallFuncHeaderSize, functionHeaders, stringKinds, identifierHashes, smallStringTable, overflowStringTable,
    stringStorage, valueBuffer, objKeyBuffer, objValueBuffer, objShapeTable, end: pos,
  };
}
