// Generated hostile cases for what reaches people and what is read beside the input (issue 14, items 1 and 4–7):
// terminal/CI-log injection through member names and literals, FIFOs where a source map or config is expected,
// a sourceMappingURL naming a private file next to a single-file input, a report path that is the input, a config
// planted in the scanned folder. Each case plants a genuine finding (a user id sent over cleartext HTTP) that must
// still be reported. FIFOs and links cannot be committed, so every case is laid out at test time, deterministically.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZip } from '../helpers/zip-writer.mjs';

/** The genuine finding: RTC301 (uid in cleartext to api.example.com). */
export const GENUINE = 'fetch("http://api.example.com/room?uid=" + uid);\n';

/** Terminal, bidi and workflow-command payloads as they would sit in names and literals. */
export const PAYLOADS = [
  '\x1b]0;rtcscan: clean\x07', // OSC: set the terminal title
  '\x1b[2J\x1b[H', // CSI: clear the screen
  '\rFindings: 0 error, 0 warning, 0 note', // CR: overwrite the line
  '\n::error::forged', // newline + GitHub command
  '\n::add-mask::secret',
  '##vso[task.complete result=Succeeded]', // Azure, anywhere in a line
  '\u202etxt.exe\u2066\u2069', // bidi override and isolates
  '\u009b31m', // C1 CSI
];

export function injectionIpa() {
  const literal = PAYLOADS.map((p) => JSON.stringify(p)).join(' + ');
  const js = Buffer.from(`var banner = ${literal};\nconsole.log(banner);\n${GENUINE}`);
  return buildZip(
    PAYLOADS.map((p, i) => ({ name: `Payload/X.app/m${i}${p}.js`, data: js })),
    { level: 9, dosDate: (46 << 9) | (1 << 5) | 1 },
  );
}

/** A folder whose file names carry the payloads (a batch input: each file is a bundle). */
export function injectionFolder(dir) {
  mkdirSync(dir, { recursive: true });
  for (const [i, p] of PAYLOADS.entries()) writeFileSync(join(dir, `b${i}${p.replace(/\//g, '_')}.js`), GENUINE);
}

/** app.js whose map is a FIFO: beside it (hidden map) and named by sourceMappingURL. */
export function fifoMaps(dir) {
  mkdirSync(join(dir, 'maps'), { recursive: true });
  writeFileSync(join(dir, 'app.js'), `${GENUINE}//# sourceMappingURL=maps/app.map\n`);
  writeFileSync(join(dir, 'hidden.js'), GENUINE);
  execFileSync('mkfifo', [join(dir, 'maps/app.map'), join(dir, 'hidden.js.map')]);
}

/** A single-file input whose sourceMappingURL names a private file beside it; also a map symlink to it. */
export function privateBeside(dir) {
  mkdirSync(join(dir, 'private'), { recursive: true });
  // Valid source map JSON: if it were read, its source name would show up in the reports.
  const leak = JSON.stringify({ version: 3, sources: ['LEAKED-SOURCE-NAME.ts'], names: [], mappings: 'AAAA' });
  writeFileSync(join(dir, 'private/token.txt'), leak);
  writeFileSync(join(dir, 'private/notjson.txt'), 'SECRET-TOKEN-7f3a not json at all');
  writeFileSync(join(dir, 'app.js'), `${GENUINE}//# sourceMappingURL=private/token.txt\n`);
  writeFileSync(join(dir, 'linked.js'), GENUINE);
  symlinkSync('private/token.txt', join(dir, 'linked.js.map'));
  writeFileSync(join(dir, 'bad.js'), GENUINE);
  writeFileSync(join(dir, 'bad.js.map'), 'SECRET-TOKEN-7f3a not json at all');
}

/** A folder with a planted config that silences everything. */
export function plantedConfig(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'rtcscan.config.json'), JSON.stringify({ ignore: ['**'] }));
  writeFileSync(join(dir, 'app.js'), GENUINE);
}
