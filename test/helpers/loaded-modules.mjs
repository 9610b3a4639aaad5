// Loaded with `node --import` by tests: at exit, writes the files of every module the process loaded (ES modules
// through a load hook, CommonJS from require's cache) to $MODULES_FILE, one path a line, then Node's public built-in
// modules it loaded as `node:<name>` lines (from process.moduleLoadList).
import { register, createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { receiveMessageOnPort } from 'node:worker_threads';

const seen = new Set();
const channel = new MessageChannel();
register(
  'data:text/javascript,' +
    encodeURIComponent('let port; export function initialize(d) { port = d.port; } export async function load(url, ctx, next) { port.postMessage(url); return next(url, ctx); }'),
  { data: { port: channel.port2 }, transferList: [channel.port2] },
);
const add = (url) => url.startsWith('file:') && seen.add(fileURLToPath(url));
channel.port1.on('message', add);
channel.port1.unref();
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  // Loads the hooks thread reported that the event loop has not delivered yet.
  for (let m = receiveMessageOnPort(channel.port1); m; m = receiveMessageOnPort(channel.port1)) add(m.message);
  for (const f of Object.keys(cache)) seen.add(f);
  const builtins = process.moduleLoadList.flatMap((m) => (/^NativeModule (?!internal\/)/.test(m) ? [`node:${m.slice('NativeModule '.length)}`] : []));
  if (process.env.MODULES_FILE) writeFileSync(process.env.MODULES_FILE, [...[...seen].sort(), ...builtins].join('\n') + '\n');
});
