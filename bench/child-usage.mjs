// Fallback when GNU time is absent: runs a command and prints its wall time, CPU time (user+sys of the waited-for
// child, from /proc/self/stat cutime/cstime) and peak RSS (VmHWM polled from /proc/<pid>/status) as JSON on stderr.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [cmd, ...args] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let peakKiB = 0;
const poll = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
  } catch {
    /* exited */
  }
}, 20);
child.on('close', (code) => {
  clearInterval(poll);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpu = NaN;
  try {
    // utime+stime of waited-for children, in clock ticks (field 16,17 of /proc/self/stat: cutime, cstime).
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    cpu = (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    /* not Linux */
  }
  process.stderr.write(`\n${JSON.stringify({ wall, cpu, rssMiB: peakKiB / 1024, code })}\n`);
  process.exit(0);
});
