// Hermes bytecode by its magic number: what the reader list asks before the Hermes reader's modules load.
import { HBC_DELTA_MAGIC, HBC_MAGIC } from './header.js';

export function isHermesBytecode(head: Buffer): boolean {
  if (head.length < 8) return false;
  const magic = head.subarray(0, 8);
  return magic.equals(HBC_MAGIC) || magic.equals(HBC_DELTA_MAGIC);
}
