// Receivers that cross modules (test/fixtures/cross-module, written the way public apps split their RTC code): the
// SDK object is made in one module and used in another. The join in the consuming module is a session start.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../scanner/engine/scan.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import type { Finding } from '../../scanner/core/finding.js';
import { ROOT } from '../helpers/cli.js';
import { relativeSpecifiers } from '../../scanner/formats/js/linked.js';

const DIR = join(ROOT, 'test/fixtures/cross-module');
let findings: Finding[] = [];

beforeAll(async () => {
  const r = await scan({ inputs: [DIR], rules: defaultRulePack(), workers: 0 });
  findings = r.bundles.flatMap((b) => b.findings);
}, 300_000);

/** `RTC102 <file>:<line> <vendor> <api>` of one app folder. */
const sessions = (app: string) =>
  findings
    .filter((f) => f.ruleId === 'RTC102' && (f.location?.artifact ?? '').includes(`cross-module/${app}/`))
    .map((f) => `${f.location!.artifact.split(`${app}/`)[1]}:${f.location!.line} ${f.properties?.vendor} ${f.properties?.api}`)
    .sort();

describe('receivers across modules', () => {
  it('a default export (`export default zg`) used by a screen: its loginRoom is a session start', () => {
    expect(sessions('zego-default')).toEqual(['src/lib/zegoEngine.ts:6 zegocloud web-engine', 'src/screens/HostScreen.tsx:8 zegocloud web-login-room']);
  });

  it('a factory function exported by a config module: the client it returns joins in another module', () => {
    expect(sessions('agora-factory')).toEqual(['src/components/Room.jsx:8 agora web-join', 'src/components/agoraConfig.js:7 agora web-create-client']);
  });

  it('a React context whose provider value holds the client (agora-rtc-react 1.x createClient hook)', () => {
    expect(sessions('rtc-context')).toEqual(['src/AgoraSetup.ts:5 agora web-create-client', 'src/pages/MeetRoom.tsx:9 agora web-join']);
  });

  it("a custom hook returning a useRef of the package's default-export factory", () => {
    expect(sessions('rn-hook')).toEqual(['src/hooks/useRtcEngine.tsx:9 agora rn-initialize', 'src/screens/CallScreen.tsx:7 agora rn-join-channel']);
    const joinArgs = findings.find((f) => f.ruleId === 'RTC404' && (f.location?.artifact ?? '').endsWith('CallScreen.tsx'));
    expect(joinArgs?.message).toMatch(/token ""/);
  });

  it('CommonJS: `module.exports = { client }` destructured by require in another module', () => {
    expect(sessions('cjs')).toEqual(['server/rtc.js:3 agora web-create-client', 'server/session.js:5 agora web-join']);
  });
});

describe('relative specifiers', () => {
  it('imports, re-exports, dynamic imports and requires; never packages', () => {
    const code = `import a from './a';\nimport '../side.css';\nexport { b } from "./b/index.js";\nconst c = require('./c');\nimport('../d').then(() => 0);\nimport x from 'react';\nrequire('pkg/./x');`;
    expect(relativeSpecifiers(code).sort()).toEqual(['../d', '../side.css', './a', './b/index.js', './c']);
  });
});
