// Mach-O numbers from Apple's <mach-o/loader.h>, <mach-o/fat.h> and <mach/machine.h>.

export const MH_MAGIC = 0xfeedface; // 32-bit, read little-endian
export const MH_MAGIC_64 = 0xfeedfacf;
export const MH_CIGAM = 0xcefaedfe; // big-endian thin files (PowerPC era): recognised, not read
export const MH_CIGAM_64 = 0xcffaedfe;
export const FAT_MAGIC = 0xcafebabe; // fat headers are always big-endian
export const FAT_MAGIC_64 = 0xcafebabf;

// Commands with LC_REQ_DYLD (0x80000000) are written as unsigned literals: `x | LC_REQ_DYLD` would be negative in JS.
export const LC_SEGMENT = 0x1;
export const LC_SYMTAB = 0x2;
export const LC_LOAD_DYLIB = 0xc;
export const LC_ID_DYLIB = 0xd;
export const LC_LOAD_WEAK_DYLIB = 0x80000018;
export const LC_SEGMENT_64 = 0x19;
export const LC_RPATH = 0x8000001c;
export const LC_REEXPORT_DYLIB = 0x8000001f;
export const LC_LAZY_LOAD_DYLIB = 0x20;
export const LC_ENCRYPTION_INFO = 0x21;
export const LC_LOAD_UPWARD_DYLIB = 0x80000023;
export const LC_VERSION_MIN_MACOSX = 0x24;
export const LC_VERSION_MIN_IPHONEOS = 0x25;
export const LC_ENCRYPTION_INFO_64 = 0x2c;
export const LC_VERSION_MIN_TVOS = 0x2f;
export const LC_VERSION_MIN_WATCHOS = 0x30;
export const LC_BUILD_VERSION = 0x32;
export const LC_DYLD_CHAINED_FIXUPS = 0x80000034;
export const LC_DYSYMTAB = 0xb;
export const LC_DYLD_INFO = 0x22;
export const LC_DYLD_INFO_ONLY = 0x80000022;
export const LC_FUNCTION_STARTS = 0x26;

export const DYLIB_COMMANDS: ReadonlyMap<number, { name: string; kind: 'dylib' | 'weak-dylib' }> = new Map([
  [LC_LOAD_DYLIB, { name: 'LC_LOAD_DYLIB', kind: 'dylib' }],
  [LC_LOAD_WEAK_DYLIB, { name: 'LC_LOAD_WEAK_DYLIB', kind: 'weak-dylib' }],
  // LibraryFact has no re-export kind: a re-exported dylib is loaded like any other, the snippet tells them apart.
  [LC_REEXPORT_DYLIB, { name: 'LC_REEXPORT_DYLIB', kind: 'dylib' }],
  [LC_LAZY_LOAD_DYLIB, { name: 'LC_LAZY_LOAD_DYLIB', kind: 'dylib' }],
  [LC_LOAD_UPWARD_DYLIB, { name: 'LC_LOAD_UPWARD_DYLIB', kind: 'dylib' }],
]);

export const VERSION_MIN_PLATFORM: ReadonlyMap<number, string> = new Map([
  [LC_VERSION_MIN_MACOSX, 'macos'],
  [LC_VERSION_MIN_IPHONEOS, 'ios'],
  [LC_VERSION_MIN_TVOS, 'tvos'],
  [LC_VERSION_MIN_WATCHOS, 'watchos'],
]);

/** LC_BUILD_VERSION platform numbers (PLATFORM_* in loader.h). */
export const PLATFORMS: Record<number, string> = {
  1: 'macos',
  2: 'ios',
  3: 'tvos',
  4: 'watchos',
  5: 'bridgeos',
  6: 'maccatalyst',
  7: 'iossimulator',
  8: 'tvossimulator',
  9: 'watchossimulator',
  10: 'driverkit',
  11: 'visionos',
  12: 'visionossimulator',
};

export const FILETYPES: Record<number, string> = {
  1: 'object',
  2: 'execute',
  3: 'fvmlib',
  4: 'core',
  5: 'preload',
  6: 'dylib',
  7: 'dylinker',
  8: 'bundle',
  9: 'dylib_stub',
  10: 'dsym',
  11: 'kext_bundle',
  12: 'fileset',
};

const CPU_ARCH_ABI64 = 0x01000000;
const CPU_ARCH_ABI64_32 = 0x02000000;
const CPU_TYPE_X86 = 7;
const CPU_TYPE_ARM = 12;
const CPU_TYPE_POWERPC = 18;

export function archName(cputype: number, cpusubtype: number): string {
  const sub = cpusubtype & 0x00ffffff; // the high byte carries capability bits (pointer auth ABI)
  switch (cputype) {
    case CPU_TYPE_X86:
      return 'i386';
    case CPU_TYPE_X86 | CPU_ARCH_ABI64:
      return sub === 8 ? 'x86_64h' : 'x86_64';
    case CPU_TYPE_ARM:
      return { 5: 'armv4t', 6: 'armv6', 7: 'armv5', 9: 'armv7', 10: 'armv7f', 11: 'armv7s', 12: 'armv7k', 14: 'armv6m', 15: 'armv7m', 16: 'armv7em' }[sub] ?? 'arm';
    case CPU_TYPE_ARM | CPU_ARCH_ABI64:
      return sub === 2 ? 'arm64e' : 'arm64';
    case CPU_TYPE_ARM | CPU_ARCH_ABI64_32:
      return 'arm64_32';
    case CPU_TYPE_POWERPC:
      return 'ppc';
    case CPU_TYPE_POWERPC | CPU_ARCH_ABI64:
      return 'ppc64';
    default:
      return `cpu${cputype >>> 0}`;
  }
}

/** Section types (low byte of section flags) that hold no file data. */
export const ZEROFILL_TYPES = new Set([0x1, 0xc, 0x12]);
export const S_CSTRING_LITERALS = 0x2;

/** xxxx.yy.zz nibble-packed version as "x.y.z" (as otool prints dylib versions) or, `short`, "x.y" when z is 0. */
export function formatVersion(v: number, short = false): string {
  const major = v >>> 16;
  const minor = (v >>> 8) & 0xff;
  const patch = v & 0xff;
  return short && !patch ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
}
