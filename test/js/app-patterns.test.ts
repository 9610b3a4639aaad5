// App code as real apps write it (test/fixtures/js-apps): TypeScript/TSX/Flow/JSX sources, receivers held in React
// refs and state, class fields, module singletons and `sharedInstance()` factories, vendor React components. Each
// fixture is scanned on its own, as a folder scan would read it.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';
import { jsReader } from '../../scanner/formats/js/index.js';

const DIR = join(ROOT, 'test/fixtures/js-apps');
const rules = defaultRulePack();
const results = new Map<string, { findings: Finding[]; notices: string[] }>();

const FILES = [
  'agora-ref.tsx',
  'agora-state.tsx',
  'agora-electron-class.ts',
  'agora-singleton.ts',
  'agora-flow.js',
  'agora-jsx.js',
  'agora-token-app-id.js',
  'generic-arrow.ts',
  'trtc-rn.tsx',
  'trtc-native-module.js',
  'livekit-room.tsx',
  'agora-uikit-rn.js',
  'agora-uikit-web.tsx',
  'agora-uikit-encrypted.tsx',
  'zego-rn-instance.ts',
  'byteplus-umd.js',
];

beforeAll(async () => {
  for (const f of FILES) {
    const r = await scan({ inputs: [join(DIR, f)], rules, workers: 0 });
    const b = r.bundles[0]!;
    results.set(f, { findings: b.findings, notices: b.notices.map((n) => n.id) });
  }
}, 300_000);

const of = (f: string) => results.get(f)!;
const rule = (f: string, id: string) => of(f).findings.filter((x) => x.ruleId === id);
const sessions = (f: string) => rule(f, 'RTC102').map((x) => x.properties?.api);

describe('TypeScript, TSX, Flow and JSX sources parse', () => {
  it.each(FILES)('%s parses without a parse failure', (f) => {
    expect(of(f).notices).not.toContain('js/parse-failed');
    expect(of(f).notices).not.toContain('js/parse-recovered');
  });

  it('reads a .ts generic arrow as TypeScript (no JSX), through `as` and `!`', () => {
    expect(sessions('generic-arrow.ts')).toEqual(['web-create-client', 'web-join']);
    expect(rule('generic-arrow.ts', 'RTC401')[0]!.message).toContain('5a5b');
    expect(rule('generic-arrow.ts', 'RTC404')).toHaveLength(1);
  });

  it('reads Flow annotations and JSX in a .js', () => {
    for (const f of ['agora-flow.js', 'agora-jsx.js']) {
      expect(sessions(f)).toEqual(['web-create-client', 'web-join']);
      expect(rule(f, 'RTC401')).toHaveLength(1);
      expect(rule(f, 'RTC304')).toHaveLength(1);
      expect(rule(f, 'RTC404')).toHaveLength(1);
    }
    const join = rule('agora-jsx.js', 'RTC102').find((x) => x.properties?.api === 'web-join')!;
    expect(join.message).toContain('channel="jsx-room"');
    expect(join.location.line).toBe(5);
  });
});

describe('which files are JavaScript', () => {
  const sniff = (text: string, path: string) => jsReader.sniff(Buffer.from(text), path);
  it('takes TypeScript, TSX, JSX and module variants by name', () => {
    for (const p of ['a.ts', 'a.tsx', 'a.jsx', 'a.mts', 'a.cts', 'a.d.ts', 'a.mjs', 'a.cjs']) expect(sniff('export const a = 1;\n', p), p).toBe(true);
  });
  it('leaves Qt translation .ts files and other languages that open like a script to other readers', () => {
    expect(sniff('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1">', 'app_de.ts')).toBe(false);
    expect(sniff('import Foundation\nimport React\n', 'File.swift')).toBe(false);
    expect(sniff('import os\n', 'tool.py')).toBe(false);
    expect(sniff('import x from "y";\n', 'no-extension')).toBe(true);
  });
});

describe('receivers as apps hold them', () => {
  it('a React ref: engineRef.current = createAgoraRtcEngine(), then engineRef.current?.joinChannel(…)', () => {
    expect(sessions('agora-ref.tsx')).toEqual(['rn-initialize', 'rn-join-channel']);
    expect(rule('agora-ref.tsx', 'RTC401')[0]!.message).toContain('0123…cdef');
    expect(rule('agora-ref.tsx', 'RTC403')).toHaveLength(1);
    // enableEncryption on the same ref: the session is encrypted, no RTC304.
    expect(rule('agora-ref.tsx', 'RTC304')).toHaveLength(0);
    expect(rule('agora-ref.tsx', 'RTC102').find((x) => x.properties?.api === 'rn-join-channel')!.message).toContain('channel="room-1"');
  });

  it('React state: const [engine, setEngine] = useState() + setEngine(createAgoraRtcEngine())', () => {
    expect(sessions('agora-state.tsx')).toEqual(['rn-initialize', 'rn-join-channel']);
    expect(rule('agora-state.tsx', 'RTC401')).toHaveLength(1);
    expect(rule('agora-state.tsx', 'RTC304')).toHaveLength(1);
    expect(rule('agora-state.tsx', 'RTC404')).toHaveLength(1);
  });

  it('a class field: this.rtcEngine = new AgoraRtcEngine(), used in another method', () => {
    expect(sessions('agora-electron-class.ts')).toEqual(['rn-initialize', 'rn-join-channel']);
    expect(rule('agora-electron-class.ts', 'RTC304')).toHaveLength(0);
    expect(rule('agora-electron-class.ts', 'RTC404')).toHaveLength(1);
  });

  it('a module singleton behind a getter: return engine ??= createAgoraRtcEngine()', () => {
    expect(sessions('agora-singleton.ts')).toEqual(['rn-initialize', 'rn-join-channel']);
    expect(rule('agora-singleton.ts', 'RTC401')).toHaveLength(1);
    expect(rule('agora-singleton.ts', 'RTC404')).toHaveLength(1);
  });

  it('a sharedInstance() factory and a parameter object built with new TRTCParams({…})', () => {
    const enter = rule('trtc-rn.tsx', 'RTC102');
    expect(enter.map((x) => x.properties?.api)).toEqual(['rn-enter-room']);
    expect(enter[0]!.message).toContain('channel=1234');
    expect(rule('trtc-rn.tsx', 'RTC401')[0]!.message).toContain('sdkAppId');
    expect(rule('trtc-rn.tsx', 'RTC304')).toHaveLength(1);
  });
});

describe('vendor SDKs named by what the app binds to', () => {
  it('a React Native native module name in a Metro bundle names the vendor', () => {
    const sdk = rule('trtc-native-module.js', 'RTC101');
    expect(sdk.map((x) => x.properties?.vendor)).toEqual(['tencent-trtc']);
    expect(sdk[0]!.properties?.routes).toContain('js-native-module');
  });

  it('a vendor React component is a session start, its attributes the arguments', () => {
    const room = rule('livekit-room.tsx', 'RTC102');
    expect(room.map((x) => x.properties?.api)).toEqual(['react-livekit-room']);
    expect(room[0]!.message).toContain('<LiveKitRoom>');
    expect(room[0]!.message).toContain('url="ws://lk.example.com:7880"');
    expect(rule('livekit-room.tsx', 'RTC403')).toHaveLength(1);
  });

  it("BytePlus RTC through its UMD global (BytePlusRTC): Volcano Engine's API, the same vendor", () => {
    const s = rule('byteplus-umd.js', 'RTC102');
    expect(s.map((x) => `${x.properties?.vendor} ${x.properties?.api}`)).toEqual(['volcengine-rtc web-create-engine', 'volcengine-rtc web-join-room']);
    expect(s[1]!.message).toContain('token=null');
  });

  it("a UI kit's default-exported component joins with the roles of its nested connection props", () => {
    const rn = rule('agora-uikit-rn.js', 'RTC102');
    expect(rn.map((x) => x.properties?.api)).toEqual(['uikit-component']);
    expect(rn[0]!.message).toContain('<AgoraUIKit>(appId="0c1d…4e5f", channel=channel, uid=uid, token=null)');
    expect(rule('agora-uikit-rn.js', 'RTC401')).toHaveLength(1);
    expect(rule('agora-uikit-rn.js', 'RTC404')).toHaveLength(1);
    expect(rule('agora-uikit-rn.js', 'RTC304')).toHaveLength(1);
    const web = rule('agora-uikit-web.tsx', 'RTC102');
    expect(web[0]!.message).toContain('channel=props.room, token=props.token');
    expect(rule('agora-uikit-web.tsx', 'RTC404')).toHaveLength(0);
  });

  it("a static singleton getter: ZegoExpressEngine.instance().loginRoom(…)", () => {
    expect(sessions('zego-rn-instance.ts')).toEqual(['rn-create-engine', 'rn-login-room']);
    const join = rule('zego-rn-instance.ts', 'RTC102').find((x) => x.properties?.api === 'rn-login-room')!;
    expect(join.message).toContain('channel=roomID');
    expect(join.message).toContain('uid=userID');
  });

  it("a UI kit session that sets its own media encryption is no RTC304", () => {
    expect(sessions('agora-uikit-encrypted.tsx')).toEqual(['uikit-component']);
    expect(rule('agora-uikit-encrypted.tsx', 'RTC304')).toHaveLength(0);
  });
});

describe('each credential its own result', () => {
  it('the App ID inside a literal token is reported as an App ID too', () => {
    const ids = rule('agora-token-app-id.js', 'RTC401');
    expect(ids).toHaveLength(1);
    expect(ids[0]!.message).toContain('inside the token');
    expect(rule('agora-token-app-id.js', 'RTC403')).toHaveLength(1);
  });
});
