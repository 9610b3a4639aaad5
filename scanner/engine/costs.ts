// Where a scan's time goes, by stage and class of artifact: an optional ledger the engine fills when asked
// (`RTCSCAN_COSTS=1` on the CLI, `bench/ipa-costs.mjs`). Times are the main thread's (performance.now around each
// step: on an idle machine that is its CPU time plus what it waits for); V8's background threads (compiler,
// collector) are not in it, which is why the process CPU is larger than the ledger's total.
import { readdirSync, readFileSync } from 'node:fs';
import type { Facts } from '../core/facts.js';

/** Steps of one artifact on the main thread, in order. */
export type CostStage = 'walk' | 'hash' | 'read' | 'checks';

interface Row {
  artifacts: number;
  bytes: number;
  ms: Record<CostStage, number>;
}

const SMALL = 64 * 1024;

/**
 * The class an artifact's cost is booked under: its format (JS split by how it was read: a recognised vendor
 * build, a keyword-free script read for literals only, or code analysed), and small (< 64 KiB) or large.
 */
export function costClass(facts: Facts, size: number): string {
  let f: string = facts.format;
  if (f === 'js') f = facts.meta.vendorBuild !== undefined || facts.meta.libraryBuild !== undefined ? 'js vendor build' : facts.meta.prefilter !== undefined ? 'js literals only' : 'js analysed';
  return `${f} ${size < SMALL ? '< 64 KiB' : '≥ 64 KiB'}`;
}

export class CostLedger {
  private readonly rows = new Map<string, Row>();
  /** Milliseconds outside any artifact: start-up, rules, checks' end, report writing. */
  readonly phases = new Map<string, number>();
  /** Check time by check id and class. */
  readonly checks = new Map<string, Map<string, number>>();

  book(cls: string, size: number, ms: Partial<Record<CostStage, number>>): void {
    let r = this.rows.get(cls);
    if (!r) this.rows.set(cls, (r = { artifacts: 0, bytes: 0, ms: { walk: 0, hash: 0, read: 0, checks: 0 } }));
    r.artifacts++;
    r.bytes += size;
    for (const k of Object.keys(ms) as CostStage[]) r.ms[k] += ms[k]!;
  }

  phase(name: string, ms: number): void {
    this.phases.set(name, (this.phases.get(name) ?? 0) + ms);
  }

  check(id: string, cls: string, ms: number): void {
    let m = this.checks.get(id);
    if (!m) this.checks.set(id, (m = new Map()));
    m.set(cls, (m.get(cls) ?? 0) + ms);
  }

  /** A Markdown table, largest class first, then the phases and the checks. */
  table(): string {
    const f = (ms: number) => Math.round(ms).toLocaleString('en-US');
    const rows = [...this.rows].sort((a, b) => total(b[1]) - total(a[1]));
    const sum = rows.reduce((a, [, r]) => a + total(r), 0) + [...this.phases.values()].reduce((a, b) => a + b, 0);
    const out = ['| class | artifacts | MiB | walk (read + inflate) ms | SHA-256 ms | reader ms | checks ms | total ms |', '|---|---:|---:|---:|---:|---:|---:|---:|'];
    for (const [cls, r] of rows) out.push(`| ${cls} | ${r.artifacts} | ${(r.bytes / 1048576).toFixed(1)} | ${f(r.ms.walk)} | ${f(r.ms.hash)} | ${f(r.ms.read)} | ${f(r.ms.checks)} | ${f(total(r))} |`);
    for (const [name, ms] of this.phases) out.push(`| ${name} | | | | | | | ${f(ms)} |`);
    out.push(`| **main thread, booked** | | | | | | | **${f(sum)}** |`);
    const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const checks = [...this.checks]
      .sort((a, b) => sumOf(b[1]) - sumOf(a[1]))
      .map(([id, m]) => `- ${id} ${f(sumOf(m))}: ${[...m].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 1).map(([cls, ms]) => `${cls} ${f(ms)}`).join(', ')}`);
    return `${out.join('\n')}\n\nChecks by id and class (ms):\n${checks.join('\n')}\n`;
  }
}

function total(r: Row): number {
  return r.ms.walk + r.ms.hash + r.ms.read + r.ms.checks;
}

/**
 * CPU seconds per thread of this process (Linux `/proc/self/task/<tid>/stat`; empty elsewhere): the main thread is
 * the critical path of a scan; the others are V8's platform threads (compiler, collector) and libuv's pool.
 */
export function threadCpu(): Array<{ name: string; main: boolean; seconds: number }> {
  const out: Array<{ name: string; main: boolean; seconds: number }> = [];
  try {
    const tick = 100; // USER_HZ on Linux
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      out.push({ name, main: Number(tid) === process.pid, seconds: (Number(f[11]) + Number(f[12])) / tick });
    }
  } catch {
    // Not Linux: no per-thread figures.
  }
  return out;
}

/** `main thread 4.20 s, other threads 2.10 s`: Node 20 names no thread, so V8's and libuv's are one figure. */
export function threadCpuLine(): string {
  const t = threadCpu();
  if (!t.length) return 'not available';
  const sum = (xs: typeof t) => xs.reduce((a, x) => a + x.seconds, 0).toFixed(2);
  return `main thread ${sum(t.filter((x) => x.main))} s, other threads ${sum(t.filter((x) => !x.main))} s (V8's compiler and collector, libuv's pool)`;
}
