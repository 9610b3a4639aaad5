// Folders the walker cannot list are said, not skipped in silence (issue 14, item 8). Tests run as root, where
// chmod 000 does not stop a read: EACCES is exercised through the file-system adapter the walker hands fast-glob,
// ENAMETOOLONG for real with a tree deeper than PATH_MAX.
import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notice } from '../core/facts.js';
import { DEFAULT_LIMITS } from './limits.js';
import { MAX_PATH, recordingFs, walkInput } from './walk.js';

describe('walker errors', () => {
  it('a folder that cannot be listed is recorded and its error passed on', async () => {
    const failed: string[] = [];
    const denied = Object.assign(Object.create(fs), {
      readdir: (p: string, o: unknown, cb: (e: NodeJS.ErrnoException | null) => void) =>
        (typeof o === 'function' ? (o as typeof cb) : cb)(Object.assign(new Error('denied'), { code: 'EACCES' })),
    }) as typeof fs;
    const rfs = recordingFs((p, code) => failed.push(`${p} ${code}`), denied);
    const err = await new Promise((resolve) => (rfs.readdir as Function)('/secret', { withFileTypes: true }, resolve));
    expect((err as NodeJS.ErrnoException).code).toBe('EACCES');
    expect(failed).toEqual(['/secret EACCES']);
  });

  it(`a tree deeper than ${MAX_PATH} characters gives an input/unreadable error; the rest is read`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcscan-deep-'));
    writeFileSync(join(dir, 'app.js'), 'fetch("http://api.agora.io/room?uid=" + uid);\n');
    // Relative mkdir/cd steps: no single system call sees the whole path.
    execFileSync('bash', ['-c', `cd "${dir}" && n=$(printf 'd%.0s' $(seq 250)) && for i in $(seq 18); do mkdir $n && cd $n; done && echo x > f.js`]);
    const notices: Notice[] = [];
    const paths: string[] = [];
    for await (const a of walkInput(dir, { limits: DEFAULT_LIMITS, cwd: dir, notify: (n) => notices.push(n), record: () => {} })) paths.push(a.path);
    expect(paths.some((p) => p.endsWith('app.js'))).toBe(true);
    const bad = notices.filter((n) => n.id === 'input/unreadable');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.level).toBe('error');
    expect(bad[0]!.message).toMatch(/over 4096 characters/);
    execFileSync('rm', ['-rf', dir]);
  });
});
