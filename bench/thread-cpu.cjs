// Preloaded (`node -r bench/thread-cpu.cjs …`) by bench/ipa-costs.mjs: at exit, one stderr line with the CPU time of
// the main thread and of all other threads (V8's compiler and collector, libuv's pool), from /proc (Linux only).
const { readdirSync, readFileSync } = require('node:fs');
process.on('exit', () => {
  let main = 0;
  let other = 0;
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const s = (Number(f[11]) + Number(f[12])) / 100;
      if (Number(tid) === process.pid) main += s;
      else other += s;
    }
  } catch {
    return;
  }
  process.stderr.write(`thread CPU: main ${main.toFixed(2)} s, other ${other.toFixed(2)} s\n`);
});
