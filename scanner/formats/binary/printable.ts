// Printable ASCII runs inside binary data (the strings(1) idea), shared by readers that fall back to it.

export interface PrintableRun {
  value: string;
  offset: number;
}

/** Yields runs of at least `min` printable ASCII bytes (space..~ and tab), each capped at 4 KiB. */
export function* printableRuns(data: Buffer, min: number, from = 0, to = data.length): Generator<PrintableRun> {
  let start = -1;
  const end = Math.min(to, data.length);
  for (let i = Math.max(0, from); i <= end; i++) {
    const b = i < end ? data[i] : 0;
    const printable = (b >= 0x20 && b < 0x7f) || b === 0x09;
    if (printable) {
      if (start < 0) start = i;
      if (i - start >= 4096) {
        yield { value: data.toString('latin1', start, i), offset: start };
        start = i;
      }
    } else if (start >= 0) {
      if (i - start >= min) yield { value: data.toString('latin1', start, i), offset: start };
      start = -1;
    }
  }
}
