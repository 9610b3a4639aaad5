// A small AArch64 decoder for the instructions that carry values into Objective-C calls (Arm A64 ISA, DDI 0602):
// address building (adrp/adr/add), loads from data (ldr/ldrsw), register moves, wide immediates, stores to the
// outgoing-argument area, and every branch (for calls and basic-block leaders). Anything else is `other`, with
// the x registers it may write so the caller can forget their values.

export type Insn =
  | { op: 'adrp' | 'adr'; rd: number; target: number }
  | { op: 'addi'; rd: number; rn: number; imm: number } // 64-bit ADD (immediate); rn 31 is sp
  | { op: 'ldr'; rd: number; rn: number; imm: number; size: 4 | 8; signed: boolean } // LDR/LDRSW unsigned offset
  | { op: 'ldrr'; rd: number; rn: number; rm: number } // LDR Xt, [Xn, Xm]
  | { op: 'ldrlit'; rd: number; target: number; size: 4 | 8 }
  | { op: 'mov'; rd: number; rm: number; wide: boolean } // ORR Rd, ZR, Rm; rm 31 is the zero register
  | { op: 'movz'; rd: number; value: bigint; wide: boolean } // MOVZ and MOVN: the whole value
  | { op: 'movk'; rd: number; imm: bigint; shift: bigint; wide: boolean }
  | { op: 'orri'; rd: number; rn: number; value: bigint } // ORR (immediate) on xzr is `mov x, #bitmask`
  | { op: 'str'; rt: number; rn: number; imm: number } // STR Xt, [Xn, #imm]
  | { op: 'stp'; rt: number; rt2: number; rn: number; imm: number } // STP Xt, Xt2, [Xn, #imm] (no writeback)
  | { op: 'bl' | 'b'; target: number }
  | { op: 'bcond'; target: number } // B.cond, CBZ/CBNZ, TBZ/TBNZ
  | { op: 'br' | 'blr' | 'ret'; rn: number }
  | { op: 'other'; writes: number[] };

const NONE: number[] = [];

function sext(v: number, bits: number): number {
  const m = 1 << (bits - 1);
  return (v ^ m) - m;
}

/** Decodes the instruction word `w` at address `pc` (a safe integer). */
export function decode(w: number, pc: number): Insn {
  w >>>= 0;
  const rd = w & 31;
  // PC-relative addressing: ADRP / ADR.
  if (((w & 0x1f000000) >>> 0) === 0x10000000) {
    const imm = sext((((w >>> 5) & 0x7ffff) << 2) | ((w >>> 29) & 3), 21);
    if (w & 0x80000000) return { op: 'adrp', rd, target: Math.floor(pc / 4096) * 4096 + imm * 4096 };
    return { op: 'adr', rd, target: pc + imm };
  }
  // ADD (immediate), 64-bit, no flags.
  if (((w & 0xff800000) >>> 0) === 0x91000000) {
    const imm = ((w >>> 10) & 0xfff) * (w & 0x400000 ? 4096 : 1);
    return { op: 'addi', rd, rn: (w >>> 5) & 31, imm };
  }
  // LDR Xt / LDR Wt / LDRSW Xt, [Xn, #imm] (unsigned offset).
  if (((w & 0xffc00000) >>> 0) === 0xf9400000) return { op: 'ldr', rd, rn: (w >>> 5) & 31, imm: ((w >>> 10) & 0xfff) * 8, size: 8, signed: false };
  if (((w & 0xffc00000) >>> 0) === 0xb9400000) return { op: 'ldr', rd, rn: (w >>> 5) & 31, imm: ((w >>> 10) & 0xfff) * 4, size: 4, signed: false };
  if (((w & 0xffc00000) >>> 0) === 0xb9800000) return { op: 'ldr', rd, rn: (w >>> 5) & 31, imm: ((w >>> 10) & 0xfff) * 4, size: 4, signed: true };
  // LDR Xt, [Xn, Xm{, LSL #0}] (register offset, option LSL/UXTX, no scaling).
  if (((w & 0xffe0fc00) >>> 0) === 0xf8606800) return { op: 'ldrr', rd, rn: (w >>> 5) & 31, rm: (w >>> 16) & 31 };
  // LDR (literal): X, W and LDRSW.
  if (((w & 0xbf000000) >>> 0) === 0x18000000 || ((w & 0xff000000) >>> 0) === 0x98000000) {
    const target = pc + sext((w >>> 5) & 0x7ffff, 19) * 4;
    return { op: 'ldrlit', rd, target, size: ((w & 0xff000000) >>> 0) === 0x58000000 ? 8 : 4 };
  }
  // MOV (register) = ORR Rd, ZR, Rm.
  if (((w & 0x7fe0ffe0) >>> 0) === 0x2a0003e0) return { op: 'mov', rd, rm: (w >>> 16) & 31, wide: (w & 0x80000000) !== 0 };
  // MOVZ / MOVN / MOVK.
  if (((w & 0x1f800000) >>> 0) === 0x12800000) {
    const wide = (w & 0x80000000) !== 0;
    const opc = (w >>> 29) & 3;
    const hw = BigInt((w >>> 21) & 3) * 16n;
    const imm = BigInt((w >>> 5) & 0xffff);
    if (opc === 2) return { op: 'movz', rd, value: imm << hw, wide };
    if (opc === 0) return { op: 'movz', rd, value: BigInt.asUintN(wide ? 64 : 32, ~(imm << hw)), wide };
    if (opc === 3) return { op: 'movk', rd, imm, shift: hw, wide };
  }
  // ORR (immediate), 64-bit, from xzr: `mov x0, #0x...` for bit patterns.
  if (((w & 0xff8003e0) >>> 0) === 0xb20003e0) {
    const v = bitmask(((w >>> 22) & 1) === 1, (w >>> 16) & 63, (w >>> 10) & 63);
    if (v !== undefined) return { op: 'orri', rd, rn: 31, value: v };
  }
  // STR Xt, [Xn, #imm] and STP Xt, Xt2, [Xn, #imm] (signed offset, no writeback).
  if (((w & 0xffc00000) >>> 0) === 0xf9000000) return { op: 'str', rt: rd, rn: (w >>> 5) & 31, imm: ((w >>> 10) & 0xfff) * 8 };
  if (((w & 0xffc00000) >>> 0) === 0xa9000000) return { op: 'stp', rt: rd, rt2: (w >>> 10) & 31, rn: (w >>> 5) & 31, imm: sext((w >>> 15) & 0x7f, 7) * 8 };
  // Branches.
  if (((w & 0x7c000000) >>> 0) === 0x14000000) return { op: w & 0x80000000 ? 'bl' : 'b', target: pc + sext(w & 0x3ffffff, 26) * 4 };
  if (((w & 0xff000010) >>> 0) === 0x54000000 || ((w & 0x7e000000) >>> 0) === 0x34000000) return { op: 'bcond', target: pc + sext((w >>> 5) & 0x7ffff, 19) * 4 };
  if (((w & 0x7e000000) >>> 0) === 0x36000000) return { op: 'bcond', target: pc + sext((w >>> 5) & 0x3fff, 14) * 4 };
  // Branch (register): BR/BLR/RET and the arm64e authenticated forms (BRAA, BLRAA, RETAA...).
  if (((w & 0xfe000000) >>> 0) === 0xd6000000) {
    const opc = (w >>> 21) & 15;
    const rn = (w >>> 5) & 31;
    if (opc === 0 || opc === 8) return { op: 'br', rn };
    if (opc === 1 || opc === 9) return { op: 'blr', rn };
    if (opc === 2) return { op: 'ret', rn };
    return { op: 'other', writes: NONE };
  }
  return { op: 'other', writes: writesOf(w) };
}

/** X registers an instruction we do not model may write: conservatively, its Rd (or Rt/Rt2 for loads). */
function writesOf(w: number): number[] {
  const rd = w & 31;
  if (((w & 0x0a000000) >>> 0) === 0x08000000) {
    // Loads and stores. SIMD&FP (bit 26) never write an x register except through base writeback (sp only).
    if (w & 0x04000000) return NONE;
    const cls = (w >>> 27) & 7;
    if (cls === 5) return w & 0x400000 ? [rd, (w >>> 10) & 31] : NONE; // LDP / STP
    if (cls === 3) return [rd]; // LDR (literal)
    if (cls === 7 || cls === 1) return (w >>> 22) & 3 ? [rd] : NONE; // LDR*/STR* ; exclusive and atomics (cls 1)
    return NONE;
  }
  // Branches, exceptions and system instructions write no general register we track (except MRS).
  if (((w & 0x1c000000) >>> 0) === 0x14000000) return ((w & 0xfff00000) >>> 0) === 0xd5300000 ? [rd] : NONE;
  return rd === 31 ? NONE : [rd];
}

/** DecodeBitMasks for a 64-bit logical immediate (ORR/AND immediate); undefined for reserved encodings. */
function bitmask(n: boolean, immr: number, imms: number): bigint | undefined {
  const combined = ((n ? 1 : 0) << 6) | (~imms & 63);
  if (combined === 0) return undefined;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return undefined;
  const size = 1 << len;
  const levels = size - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) return undefined;
  const ones = (1n << BigInt(s + 1)) - 1n;
  const mask = (1n << BigInt(size)) - 1n;
  const elem = r === 0 ? ones : ((ones >> BigInt(r)) | (ones << BigInt(size - r))) & mask;
  let v = 0n;
  for (let i = 0; i < 64; i += size) v |= elem << BigInt(i);
  return v;
}
