// The README vendor table generator (scripts/vendor-table.mjs): stable output, correct rows, safe region rewrite.
import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderVendorTable, loadVendors, replaceRegion, defaultRulesDir, START, END } from '../../scripts/vendor-table.mjs';
import { loadRulePack } from './pack.js';

const script = resolve(fileURLToPath(import.meta.url), '../../../scripts/vendor-table.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'rtcscan-vtable-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('vendor table generator', () => {
  const table: string = renderVendorTable();

  it('renders one row per shipped vendor, in id order, with jurisdiction from the rule files', () => {
    const pack = loadRulePack();
    const rows = table.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(pack.vendors.length);
    const ids = rows.map((r) => /\(`([a-z0-9-]+)`\)/.exec(r)?.[1]);
    expect(ids).toEqual(pack.vendors.map((v) => v.id).sort());
    const agora = rows.find((r) => r.includes('(`agora`)'))!;
    expect(agora).toContain('CN, PRC — Shanghai');
    expect(agora).toMatch(/region setting/);
    expect(rows.find((r) => r.includes('(`webrtc`)'))).toContain('n/a (protocol');
    expect(rows.find((r) => r.includes('(`stream-video`)'))).toMatch(/\| — \| — \|/); // JS only
    expect(agora).toContain('| React Native, Flutter, Electron, uni-app |');
    for (const r of rows) expect(r.split(' | ')).toHaveLength(7);
  });

  it('is stable: same output on every run and regardless of directory order', () => {
    expect(renderVendorTable()).toBe(table);
    // Copy the vendor files into a new folder in reverse order; the table must not change.
    const copy = join(tmp, 'rules');
    mkdirSync(join(copy, 'vendors'), { recursive: true });
    const files = readdirSync(join(defaultRulesDir, 'vendors')).sort().reverse();
    for (const f of files) writeFileSync(join(copy, 'vendors', f), readFileSync(join(defaultRulesDir, 'vendors', f)));
    expect(renderVendorTable(loadVendors(copy))).toBe(table);
  });

  it("README's table is up to date with rules/vendors (else run `npm run vendor-table`)", () => {
    const readme = readFileSync(resolve(fileURLToPath(import.meta.url), '../../../README.md'), 'utf8');
    expect(replaceRegion(readme, table)).toBe(readme);
  });

  it('prints the table from the command line', () => {
    expect(execFileSync(process.execPath, [script], { encoding: 'utf8' })).toBe(table);
  });

  it('--write replaces only the marked region and is idempotent', () => {
    const readme = join(tmp, 'README.md');
    const before = `# Title\n\nIntro.\n\n${START}\nold table\n${END}\n\n## After\nkept\n`;
    writeFileSync(readme, before);
    execFileSync(process.execPath, [script, '--write', readme]);
    const once = readFileSync(readme, 'utf8');
    expect(once).toBe(`# Title\n\nIntro.\n\n${START}\n${table}${END}\n\n## After\nkept\n`);
    execFileSync(process.execPath, [script, '--write', readme]);
    expect(readFileSync(readme, 'utf8')).toBe(once);
  });

  it('refuses to write a file without the markers', () => {
    expect(() => replaceRegion('# no markers\n', table)).toThrow(/markers/);
    const readme = join(tmp, 'NOMARK.md');
    writeFileSync(readme, '# no markers\n');
    expect(() => execFileSync(process.execPath, [script, '--write', readme], { stdio: 'pipe' })).toThrow();
    expect(readFileSync(readme, 'utf8')).toBe('# no markers\n');
  });
});
