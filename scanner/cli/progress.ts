// Scan progress on stderr: entries reached of those planned (a folder walk and every zip central directory give
// their totals before anything is read), the percentage, bytes read and the entry being read. On a terminal one
// line redrawn in place; elsewhere (`--progress` in a CI log) a line at most every few seconds. A heartbeat redraws
// while one entry takes long, with how long it has taken, so the line never sits frozen.
import type { ScanProgress } from '../engine/scan.js';
import { formatBytes } from '../report/text.js';
import { oneLine } from '../report/escape.js';

export interface ProgressSink {
  write(text: string): void;
  /** A terminal: redraw one line in place. Otherwise: whole lines. */
  tty: boolean;
  columns?: number;
}

/** Redraws on a terminal at most this often; a log gets a line at most every LOG_INTERVAL_MS. */
const TTY_INTERVAL_MS = 100;
const LOG_INTERVAL_MS = 5_000;
const HEARTBEAT_MS = 1_000;
/** An entry being read longer than this shows its elapsed time. */
const SLOW_MS = 2_000;

/** One progress line: `[ 42%] 1,204/2,871 entries  18.3 MB  Payload/App.app/Frameworks/X.framework/X`. */
export function progressLine(p: ScanProgress, width: number, slowForMs = 0): string {
  const pct = p.planned > 0 ? Math.min(100, Math.floor((p.reached / p.planned) * 100)) : 0;
  const head = `[${String(pct).padStart(3)}%] ${p.reached.toLocaleString('en-US')}/${p.planned.toLocaleString('en-US')} entries  ${formatBytes(p.bytes)}  `;
  const tail = slowForMs >= SLOW_MS ? ` (${Math.floor(slowForMs / 1000)}s)` : '';
  const room = Math.max(20, width - head.length - tail.length - 1);
  const name = oneLine(p.current);
  return head + (name.length > room ? `…${name.slice(-(room - 1))}` : name) + tail;
}

export function progressPrinter(sink: ProgressSink, now: () => number = Date.now) {
  let last: ScanProgress | undefined;
  let shownAt = 0;
  let currentSince = now();
  let timer: NodeJS.Timeout | undefined;
  const interval = sink.tty ? TTY_INTERVAL_MS : LOG_INTERVAL_MS;
  const width = sink.tty ? sink.columns || 100 : 160;
  const show = () => {
    if (!last) return;
    shownAt = now();
    const line = progressLine(last, width, shownAt - currentSince);
    sink.write(sink.tty ? `\r\x1b[K${line}` : `${line}\n`);
  };
  return {
    update(p: ScanProgress) {
      if (p.current !== last?.current) currentSince = now();
      const first = !last && p.reached > 0;
      if (!last && p.reached === 0) return;
      last = { ...p };
      if (first || now() - shownAt >= interval) show();
      // The heartbeat: redraw when nothing else did for a while (one slow entry), never keeping the process alive.
      timer ??= setInterval(() => {
        if (now() - shownAt >= Math.max(interval, HEARTBEAT_MS) || (sink.tty && now() - currentSince >= SLOW_MS)) show();
      }, HEARTBEAT_MS).unref();
    },
    done(summary?: string) {
      if (timer) clearInterval(timer);
      if (sink.tty) sink.write('\r\x1b[K');
      if (!sink.tty && summary) sink.write(`${summary}\n`);
    },
  };
}
