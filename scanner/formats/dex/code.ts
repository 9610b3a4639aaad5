// Walks Dalvik bytecode far enough to find method and string references: every instruction's length comes from
// its format (Dalvik bytecode spec, "Instruction formats"), payload pseudo-instructions are skipped by their
// declared sizes, and only invoke-* and const-string operands are decoded.

/** Instruction length in 16-bit code units, by opcode. Unused opcodes are one unit (format 10x). */
export const LENGTH = new Uint8Array(256).fill(1);
function setLength(from: number, to: number, units: number): void {
  for (let op = from; op <= to; op++) LENGTH[op] = units;
}
setLength(0x02, 0x02, 2); // move/from16 22x
setLength(0x03, 0x03, 3); // move/16 32x
setLength(0x05, 0x05, 2);
setLength(0x06, 0x06, 3);
setLength(0x08, 0x08, 2);
setLength(0x09, 0x09, 3);
setLength(0x13, 0x13, 2); // const/16 21s
setLength(0x14, 0x14, 3); // const 31i
setLength(0x15, 0x16, 2); // const/high16 21h, const-wide/16 21s
setLength(0x17, 0x17, 3); // const-wide/32 31i
setLength(0x18, 0x18, 5); // const-wide 51l
setLength(0x19, 0x19, 2); // const-wide/high16 21h
setLength(0x1a, 0x1a, 2); // const-string 21c
setLength(0x1b, 0x1b, 3); // const-string/jumbo 31c
setLength(0x1c, 0x1c, 2); // const-class 21c
setLength(0x1f, 0x20, 2); // check-cast 21c, instance-of 22c
setLength(0x22, 0x23, 2); // new-instance 21c, new-array 22c
setLength(0x24, 0x26, 3); // filled-new-array 35c, /range 3rc, fill-array-data 31t
setLength(0x29, 0x29, 2); // goto/16 20t
setLength(0x2a, 0x2c, 3); // goto/32 30t, packed-switch 31t, sparse-switch 31t
setLength(0x2d, 0x31, 2); // cmp* 23x
setLength(0x32, 0x3d, 2); // if-* 22t / 21t
setLength(0x44, 0x6d, 2); // aget/aput 23x, iget/iput 22c, sget/sput 21c
setLength(0x6e, 0x72, 3); // invoke-* 35c
setLength(0x74, 0x78, 3); // invoke-*/range 3rc
setLength(0x90, 0xaf, 2); // binop 23x
setLength(0xd0, 0xe2, 2); // binop/lit16 22s, binop/lit8 22b
setLength(0xfa, 0xfb, 4); // invoke-polymorphic 45cc, /range 4rcc
setLength(0xfc, 0xfd, 3); // invoke-custom 35c, /range 3rc
setLength(0xfe, 0xff, 2); // const-method-handle, const-method-type 21c

/** Opcodes whose BBBB operand is a method_ids index. */
function isMethodInvoke(op: number): boolean {
  return (op >= 0x6e && op <= 0x72) || (op >= 0x74 && op <= 0x78) || op === 0xfa || op === 0xfb;
}

export type CodeRef =
  | { kind: 'invoke'; methodIdx: number; offset: number; range: boolean }
  | { kind: 'string'; stringIdx: number; offset: number; register: number };

export interface WalkResult {
  refs: CodeRef[];
  /** Why decoding stopped early, if it did. */
  error?: string;
}

/**
 * Decodes the `insnsSize` code units at `insnsOff` and returns the references in order. Never reads outside
 * [insnsOff, insnsOff + insnsSize * 2), which the caller has checked against the file. `visit` sees the file
 * offset of every instruction and payload start (tests compare them with an independent disassembler).
 */
export function walkInstructions(
  buf: Buffer,
  insnsOff: number,
  insnsSize: number,
  visit?: (offset: number) => void,
): WalkResult {
  const refs: CodeRef[] = [];
  const error = forEachRef(
    buf,
    insnsOff,
    insnsSize,
    (methodIdx, offset, range) => refs.push({ kind: 'invoke', methodIdx, offset, range }),
    (stringIdx, offset, register) => refs.push({ kind: 'string', stringIdx, offset, register }),
    visit,
  );
  return error === undefined ? { refs } : { refs, error };
}

/**
 * The same walk, handing each reference to a callback instead of collecting objects (the reader's path: no
 * allocation per instruction). Returns why decoding stopped early, if it did.
 */
export function forEachRef(
  buf: Buffer,
  insnsOff: number,
  insnsSize: number,
  onInvoke: (methodIdx: number, offset: number, range: boolean) => void,
  onString: (stringIdx: number, offset: number, register: number) => void,
  visit?: (offset: number) => void,
): string | undefined {
  let pc = 0;
  while (pc < insnsSize) {
    const offset = insnsOff + pc * 2;
    const first = buf[offset]! | (buf[offset + 1]! << 8);
    const op = first & 0xff;
    let len: number;
    if (op === 0x00 && first !== 0x0000) {
      U.buf = buf;
      U.insnsOff = insnsOff;
      len = payloadLength(first, pc, insnsSize, codeUnit);
      U.buf = undefined;
      if (len === 0) return `unknown pseudo-instruction 0x${first.toString(16)} at unit ${pc}`;
    } else {
      len = LENGTH[op]!;
    }
    if (pc + len > insnsSize) return `instruction 0x${op.toString(16)} at unit ${pc} runs past the code`;
    visit?.(offset);
    if (isMethodInvoke(op)) onInvoke(buf[offset + 2]! | (buf[offset + 3]! << 8), offset, (op >= 0x74 && op <= 0x78) || op === 0xfb);
    else if (op === 0x1a) onString(buf[offset + 2]! | (buf[offset + 3]! << 8), offset, first >> 8);
    else if (op === 0x1b) onString((buf[offset + 2]! | (buf[offset + 3]! << 8) | ((buf[offset + 4]! | (buf[offset + 5]! << 8)) << 16)) >>> 0, offset, first >> 8);
    pc += len;
  }
  return undefined;
}

/**
 * The code a payload's length is read from, for `codeUnit` (a module-level reader: a closure over the code made per
 * method was ~6 MB of what a read of the benchmark dex allocated).
 */
const U = { buf: undefined as Buffer | undefined, insnsOff: 0 };

function codeUnit(i: number): number {
  const b = U.buf!;
  return b[U.insnsOff + i * 2]! | (b[U.insnsOff + i * 2 + 1]! << 8);
}

/** Length of a payload pseudo-instruction (packed-switch, sparse-switch, fill-array-data), 0 when unknown. */
export function payloadLength(ident: number, pc: number, insnsSize: number, unit: (i: number) => number): number {
  if (pc + 4 > insnsSize) return 0;
  const size = unit(pc + 1);
  switch (ident) {
    case 0x0100: // packed-switch-payload: ident, size, first_key(2), targets(size*2)
      return 4 + size * 2;
    case 0x0200: // sparse-switch-payload: ident, size, keys(size*2), targets(size*2)
      return 2 + size * 4;
    case 0x0300: {
      // fill-array-data-payload: ident, element_width, size(2), data padded to whole units
      const width = size;
      const count = unit(pc + 2) + unit(pc + 3) * 0x10000;
      return 4 + Math.ceil((width * count) / 2);
    }
    default:
      return 0;
  }
}
