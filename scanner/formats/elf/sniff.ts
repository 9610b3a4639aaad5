// ELF by its identification bytes (magic, class, data encoding): asked before the ELF reader's modules load.
export function isElf(head: Buffer): boolean {
  return head.length >= 6 && head.readUInt32BE(0) === 0x7f454c46 && (head[4] === 1 || head[4] === 2) && (head[5] === 1 || head[5] === 2);
}
