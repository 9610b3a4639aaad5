// The progress printer with a fake clock: per-entry redraws on a terminal, throttled lines in a log, and a
// heartbeat that shows how long one slow entry has taken instead of sitting frozen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressLine, progressPrinter } from './progress.js';

const at = (reached: number, planned: number, current: string, bytes = 0) => ({ files: reached, bytes, current, reached, planned });

describe('progressLine', () => {
  it('shows percentage, entries reached of planned, bytes and the entry', () => {
    expect(progressLine(at(3, 12, 'app.ipa!/Payload/A.app/main.jsbundle', 2048), 120)).toBe('[ 25%] 3/12 entries  2.0 KiB  app.ipa!/Payload/A.app/main.jsbundle');
  });

  it('keeps the end of a long path and neutralises control characters', () => {
    const line = progressLine(at(1, 2, `x/${'d/'.repeat(80)}evil\x1b]0;pwned\x07.js`), 80);
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/…/);
    expect(line).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  it('adds the time spent on a slow entry', () => {
    expect(progressLine(at(1, 2, 'big.so'), 120, 7_400)).toMatch(/big\.so \(7s\)$/);
    expect(progressLine(at(1, 2, 'big.so'), 120, 1_500)).not.toMatch(/\(/);
  });
});

describe('progressPrinter', () => {
  // Fake timers fake Date.now too: the printer's clock moves with them.
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => vi.advanceTimersByTime(ms);

  it('on a terminal redraws per entry (at most every 100 ms) and beats while one entry is slow', () => {
    const out: string[] = [];
    const p = progressPrinter({ tty: true, columns: 120, write: (t) => out.push(t) });
    p.update(at(0, 3, ''));
    expect(out).toEqual([]); // nothing reached yet
    p.update(at(1, 3, 'a.js'));
    advance(150);
    p.update(at(2, 3, 'huge.so'));
    expect(out.map((s) => s.replace('\r\x1b[K', ''))).toEqual(['[ 33%] 1/3 entries  0 B  a.js', '[ 66%] 2/3 entries  0 B  huge.so']);
    // huge.so takes 5 s: the heartbeat redraws every second once nothing else did, with the elapsed time.
    advance(5_000);
    const beats = out.slice(2).map((s) => /\((\d+)s\)$/.exec(s)?.[1]);
    // t = 2 s: a plain redraw (1.85 s on it, under the 2 s that count as slow); then 2, 3, 4 s on huge.so.
    expect(beats).toEqual([undefined, '2', '3', '4']);
    p.done();
    expect(out.at(-1)).toBe('\r\x1b[K');
    const n = out.length;
    advance(10_000);
    expect(out.length).toBe(n); // the heartbeat stopped
  });

  it('in a log writes whole lines, at most one per 5 s, and the summary at the end', () => {
    const out: string[] = [];
    const p = progressPrinter({ tty: false, write: (t) => out.push(t) });
    for (let i = 1; i <= 100; i++) {
      p.update(at(i, 100, `m${i}.js`));
      advance(100);
    }
    expect(out.length).toBe(3); // t = 0, 5 s and 10 s
    expect(out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    advance(6_000); // nothing moves: a heartbeat line says where it is and for how long
    expect(out.at(-1)).toMatch(/m100\.js \(5s\)\n$/);
    p.done('scanned 100 file(s)');
    expect(out.at(-1)).toBe('scanned 100 file(s)\n');
  });
});
