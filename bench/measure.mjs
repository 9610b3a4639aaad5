// Runs a command several times and reports wall time, CPU time (user+sys) and peak RSS of each run.
// Uses GNU time (`/usr/bin/time -v`) when present; otherwise a Node wrapper reads process.resourceUsage()-style
// child figures from `wait4` via child_process (wall from hrtime, CPU/RSS from the wrapper's own children).
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const WRAPPER = fileURLToPath(new URL('./child-usage.mjs', import.meta.url));

function parseGnuTime(text) {
  const num = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const wallM = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(text);
  const wall = wallM ? Number(wallM[1] ?? 0) * 3600 + Number(wallM[2]) * 60 + Number(wallM[3]) : NaN;
  return { wall, cpu: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/), rssMiB: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 };
}

/** One run of `cmd args…` with stdout to `stdoutFile` (default /dev/null). Resolves to { wall, cpu, rssMiB, code }. */
export function measureOnce(cmd, args, { cwd, stdoutFile = '/dev/null' } = {}) {
  return new Promise((resolve, reject) => {
    const out = openSync(stdoutFile, 'w');
    const gnu = existsSync(GNU_TIME);
    const argv = gnu ? ['-v', cmd, ...args] : [WRAPPER, cmd, ...args];
    const child = spawn(gnu ? GNU_TIME : process.execPath, argv, { cwd, stdio: ['ignore', out, 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(out);
      const r = gnu ? parseGnuTime(err) : JSON.parse(err.slice(err.lastIndexOf('\n{') + 1));
      if (!Number.isFinite(r.wall)) return reject(new Error(`could not measure ${cmd}: ${err.slice(-500)}`));
      resolve({ ...r, code: gnu ? (Number(/Exit status: (\d+)/.exec(err)?.[1] ?? code)) : r.code, stderr: err });
    });
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `runs` measurements; returns the medians and the raw runs. */
export async function measure(cmd, args, runs, opts) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measureOnce(cmd, args, opts));
  return { wall: median(all.map((r) => r.wall)), cpu: median(all.map((r) => r.cpu)), rssMiB: median(all.map((r) => r.rssMiB)), runs: all };
}
