import { describe, expect, it } from 'vitest';
import { MAX_PACKAGE_JSON_BYTES, PackageScopes, parseManifest } from './package-scope.js';

/** Scopes over an in-memory listing; counts the reads of each package.json. */
function scopesOf(files: Record<string, string | Buffer>) {
  const reads = new Map<string, number>();
  const scopes = new PackageScopes(
    (rel) => rel in files,
    async (rel, maxBytes) => {
      reads.set(rel, (reads.get(rel) ?? 0) + 1);
      const b = Buffer.from(files[rel]!);
      return b.length > maxBytes ? undefined : b;
    },
  );
  return { scopes, reads };
}

describe('package scopes (nearest package.json, as Node resolves them)', () => {
  const tree = {
    'package.json': JSON.stringify({ name: 'my-app' }),
    'www/lib/amazon-chime-sdk-js/package.json': JSON.stringify({ name: 'amazon-chime-sdk-js', version: '3.32.0' }),
    'www/lib/amazon-chime-sdk-js/demos/browser/package.json': JSON.stringify({ name: 'chime-demo' }),
    'www/lib/nameless/package.json': JSON.stringify({ private: true }),
  };

  it('gives the nearest package.json above a file, in any order of asking', async () => {
    const paths = [
      'www/lib/amazon-chime-sdk-js/build/task/CreatePeerConnectionTask.js',
      'www/lib/amazon-chime-sdk-js/demos/browser/app/meeting.js',
      'www/js/app.js',
      'main.js',
      'www/lib/nameless/x.js',
      'www/lib/amazon-chime-sdk-js/package.json',
    ];
    const expected = ['amazon-chime-sdk-js', 'chime-demo', 'my-app', 'my-app', undefined, 'amazon-chime-sdk-js'];
    for (const order of [paths, [...paths].reverse()]) {
      const { scopes, reads } = scopesOf(tree);
      const got = await Promise.all(order.map((p) => scopes.of(p)));
      expect(got.map((s) => s?.name)).toEqual(order.map((p) => expected[paths.indexOf(p)]));
      // Cached per folder: each package.json is read once whatever asks.
      expect([...reads.values()].every((n) => n === 1)).toBe(true);
    }
    const { scopes } = scopesOf(tree);
    expect(await scopes.of('www/lib/nameless/x.js')).toEqual({ dir: 'www/lib/nameless', published: true });
    expect(await scopes.of('www/lib/amazon-chime-sdk-js/src/a.ts')).toEqual({ dir: 'www/lib/amazon-chime-sdk-js', name: 'amazon-chime-sdk-js', published: true });
  });

  it('has no scope without a package.json above the file', async () => {
    const { scopes } = scopesOf({ 'other/package.json': '{"name":"x"}' });
    expect(await scopes.of('src/app.js')).toBeUndefined();
    expect(await scopes.of('app.js')).toBeUndefined();
  });

  it('ignores a malformed, non-object or huge package.json (the folder above decides), and a read that fails', async () => {
    const huge = Buffer.from(JSON.stringify({ name: 'amazon-chime-sdk-js', pad: 'x'.repeat(MAX_PACKAGE_JSON_BYTES) }));
    const { scopes } = scopesOf({
      'package.json': '{"name":"my-app"}',
      'a/package.json': '{"name": "amazon-chime-sdk-js",',
      'b/package.json': '["amazon-chime-sdk-js"]',
      'c/package.json': huge,
      'd/package.json': '\uFEFF{"name": 42}',
      'e/package.json': '',
    });
    for (const d of ['a', 'b', 'c', 'e']) expect((await scopes.of(`${d}/x.js`))?.name, d).toBe('my-app');
    // A JSON object without a string name is still the package's scope (the app's name does not reach into it).
    expect(await scopes.of('d/x.js')).toEqual({ dir: 'd', published: true });
    const failing = new PackageScopes(
      () => true,
      () => Promise.reject(new Error('EIO')),
    );
    expect(await failing.of('a/b/c.js')).toBeUndefined();
  });

  it("publishes only what the package's `files` list names (a vendor repository's tooling is not the SDK)", async () => {
    // react-native-agora's own list (its repository at the commit in /tmp/realapps), shortened.
    const files = ['src', 'lib', 'android', 'ios', '*.podspec', '!lib/typescript/examples', '!android/build', '!**/__tests__', '!**/.*', 'CHANGELOG.md'];
    const { scopes } = scopesOf({ 'package.json': JSON.stringify({ name: 'react-native-agora', main: 'lib/commonjs/index', files }) });
    const published = async (p: string) => (await scopes.of(p))?.published;
    for (const p of ['src/index.ts', 'lib/commonjs/AgoraBase.js', 'android/src/main/java/A.java', 'react-native-agora.podspec', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'])
      expect(await published(p), p).toBe(true);
    for (const p of ['.yarn/releases/yarn-3.6.1.cjs', 'scripts/build.js', 'babel.config.js', 'lib/typescript/examples/a.d.ts', 'src/__tests__/a.test.ts', 'android/build/x.js', 'src/.hidden.js', 'examples/expo/app.tsx'])
      expect(await published(p), p).toBe(false);
    // Without a usable list every file is published (an unpacked tarball holds only what was published).
    for (const bad of [undefined, 'lib', [1, 2], ['!lib'], ['x'.repeat(2000)]]) {
      const { scopes: s2 } = scopesOf({ 'package.json': JSON.stringify({ name: 'twilio-video', files: bad }) });
      expect((await s2.of('.yarn/x.cjs'))?.published, JSON.stringify(bad)?.slice(0, 40)).toBe(true);
    }
  });

  it('parses only what it needs', () => {
    expect(parseManifest(Buffer.from('{"name":"@daily-co/react-native-daily-js"}'))).toEqual({ name: '@daily-co/react-native-daily-js' });
    expect(parseManifest(Buffer.from('null'))).toBeUndefined();
    expect(parseManifest(undefined)).toBeUndefined();
    expect(parseManifest(Buffer.from(JSON.stringify({ name: 'x'.repeat(300) })))).toEqual({});
    expect(parseManifest(Buffer.from(JSON.stringify({ name: 'a', files: ['lib'] })))?.publishes?.('lib/x.js')).toBe(true);
  });
});
