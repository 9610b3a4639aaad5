// Mach-O, thin or universal, by its magic number: asked before the Mach-O reader's modules load.
import * as C from './constants.js';

export function isMachO(head: Buffer): boolean {
  if (head.length < 8) return false;
  const le = head.readUInt32LE(0);
  if (le === C.MH_MAGIC || le === C.MH_MAGIC_64) return true;
  const be = head.readUInt32BE(0);
  // 0xcafebabe is also the Java class file magic; there the next word is the class version (major >= 45),
  // here it is an architecture count, which is small.
  if (be === C.FAT_MAGIC) return head.readUInt32BE(4) > 0 && head.readUInt32BE(4) < 45;
  if (be === C.FAT_MAGIC_64) return head.readUInt32BE(4) > 0 && head.readUInt32BE(4) < 45;
  return false;
}
