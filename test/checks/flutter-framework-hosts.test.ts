// Hosts of a Flutter release snapshot (libapp.so) that are names, not network peers: the Dart VM's `dart.io` library
// name, Flutter API reference links, plugin method-channel names (`plugins.flutter.io/…`, `flutter.baseflow.com/…`),
// each found in the Dart AOT snapshots of real third-party apps (eval/realapps/binaries.yaml). Fixture:
// test/fixtures/flutter-framework-hosts (clang + ld.lld, build.sh); rule data: rules/hosts.yaml `nonNetwork`.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';

const ROOT = join(import.meta.dirname, '../..');

describe('RTC202 on a Flutter release snapshot', () => {
  it('reports the app backend only, not framework, VM or plugin-channel identifiers', async () => {
    // The snapshot alone (the fixture folder's strings.txt holds the same strings as text).
    const r = await scan({ inputs: [join(ROOT, 'test/fixtures/flutter-framework-hosts/lib')], rules: defaultRulePack(), cwd: ROOT, workers: 0 });
    const hosts = r.bundles
      .flatMap((b) => b.findings)
      .filter((f) => /^RTC20[1-4]$/.test(f.ruleId))
      .map((f) => (f.properties as { host?: string }).host)
      .sort();
    expect(hosts).toEqual(['api.clinic-backend.net', 'signal.clinic-backend.net']);
  });
});
