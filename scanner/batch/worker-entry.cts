// The batch pool's task file. Piscina loads a task file with require() first, and in Node 20 a require() of an ES
// module whose worker reaches its heap cap while the module graph is being instantiated aborts the whole process (a
// V8 fatal error, not a worker exit the pool can catch). Loaded through import() from this CommonJS entry, the same
// cap is an ERR_WORKER_OUT_OF_MEMORY exit: the pool gives up and the batch goes on on the main thread.
type ScanBundle = (task: unknown) => Promise<unknown>;

async function scanBundle(task: unknown): Promise<unknown> {
  const worker = (await import('./worker.js')) as { default: ScanBundle };
  return worker.default(task);
}

export = scanBundle;
