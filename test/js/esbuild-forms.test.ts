// esbuild's IIFE output in the forms apps ship it, built here from a made-up app on the real twilio-video package
// (CommonJS: esbuild wraps each of its files in `__commonJS`): minified or not, with or without a global name for
// the bundle's result (`--global-name=App` → `var App = (() => {…})();`), the entry a file at the project's root
// (esbuild names it `// app.js`, with no folder). Each form must keep the app's own code the app's: its
// Video.connect is a session start, its room name an app literal, not Twilio's code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { readJs } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'rtcscan-esbuild-forms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP = `import Video from 'twilio-video';

export async function joinRoom(token) {
  const room = await Video.connect(token, { name: 'esbuild-forms-room', audio: true, video: false });
  return room;
}

joinRoom(window.localStorage.getItem('twilioToken'));
`;

async function bundle(minify: boolean, globalName?: string): Promise<Buffer> {
  writeFileSync(join(dir, 'app.js'), APP);
  const r = await build({
    absWorkingDir: dir,
    entryPoints: ['app.js'],
    nodePaths: [join(process.cwd(), 'node_modules')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    minify,
    ...(globalName ? { globalName } : {}),
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(r.outputFiles[0]!.contents);
}

describe('esbuild IIFE forms of an app on a CommonJS SDK', () => {
  it.each([
    ['minified', true, undefined],
    ['minified, global name', true, 'App'],
    ['not minified (path comments)', false, undefined],
    ['not minified, global name', false, 'App'],
  ] as const)('%s: the app keeps its session start and its literal', async (_name, minify, globalName) => {
    const data = await bundle(minify, globalName);
    if (!minify) expect(data.toString('latin1')).toMatch(/^\s*\/\/ app\.js$/m);
    const { facts } = await readJs(data, 'www/js/app.js');
    expect(facts.apiCalls.filter((c) => c.vendor === 'twilio' && c.api === 'web-connect').map((c) => c.args.channel)).toEqual([
      { kind: 'string', value: 'esbuild-forms-room' },
    ]);
    const room = facts.strings.filter((s) => s.value === 'esbuild-forms-room');
    expect(room.length).toBeGreaterThan(0);
    expect(room.every((s) => !s.vendorCode)).toBe(true);
  }, 120_000);
});
