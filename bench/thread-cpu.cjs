// Preloaded (`node -r bench/thread-cpu.cjs …`) by bench/ipa-costs.mjs: at exit, one stderr line with the CPU time of
// the main thread, of worker threads (the blob and script lanes: each names its thread id over a BroadcastChannel
// when this file is preloaded in it), and of all other threads (V8's compiler and collector, libuv's pool), from
// /proc (Linux only). Threads are polled every 100 ms, so a worker that has exited still counts (its last reading).
const { readdirSync, readFileSync, readlinkSync } = require('node:fs');
const { isMainThread, BroadcastChannel } = require('node:worker_threads');
const channel = new BroadcastChannel('rtcscan-thread-cpu');
channel.unref();
if (!isMainThread) {
  try {
    channel.postMessage(Number(readlinkSync('/proc/thread-self').split('/').pop()));
  } catch {}
} else {
  const workers = new Set();
  channel.onmessage = (m) => workers.add(m.data);
  const last = new Map();
  const poll = () => {
    try {
      for (const tid of readdirSync('/proc/self/task')) {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        last.set(Number(tid), (Number(f[11]) + Number(f[12])) / 100);
      }
    } catch {}
  };
  setInterval(poll, 100).unref();
  process.on('exit', () => {
    poll();
    let main = 0;
    let worker = 0;
    let other = 0;
    for (const [tid, s] of last) {
      if (tid === process.pid) main += s;
      else if (workers.has(tid)) worker += s;
      else other += s;
    }
    process.stderr.write(`thread CPU: main ${main.toFixed(2)} s, other ${other.toFixed(2)} s, workers ${worker.toFixed(2)} s\n`);
  });
}
