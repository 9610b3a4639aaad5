// A vendor's module transpiled one file per source module (react-native-agora's lib/commonjs and lib/module, from
// npm, unmodified) is recognised as the vendor's build by its export list (rules/vendors/agora.yaml `builds`), and
// read from tokens; the same file with app code after it is not, and the app's calls are found.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFacts } from '../../scanner/formats/index.js';
import { defaultRulePack } from '../../scanner/rules/pack.js';
import { apiCallsOf } from './corpus.js';

const rules = defaultRulePack();
const ctx = { rules, maxStrings: 500_000 };
const LIB = join(process.cwd(), 'node_modules/react-native-agora/lib');
const CJS = readFileSync(join(LIB, 'commonjs/impl/IAgoraRtcEngineImpl.js'));
const ESM = readFileSync(join(LIB, 'module/impl/IAgoraRtcEngineImpl.js'));
const APP_CALL = `engine.initialize({ appId: "5f3c1d2e8a9b4c7d6e0f1a2b3c4d5e6f" });\nengine.joinChannel(token, "room-1", 42, {});\n`;

describe('transpiled vendor modules outside node_modules', () => {
  it.each([
    ['CommonJS', CJS],
    ['ES module', ESM],
  ])('%s form, renamed into a static folder: the agora build, read without parsing', async (_form, data) => {
    const facts = await readFacts(data, 'www/static/engine.js', ctx);
    expect(facts.meta.vendorBuild).toBe('agora');
    expect(facts.meta.vendorBuildEvidence).toContain('IRtcEngineImpl');
    expect(apiCallsOf(facts, ctx.rules)).toEqual([]);
    // Its strings are still read (the API-type strings the wrapper sends to native).
    expect(facts.strings.some((s) => s.value === 'RtcEngine_takeSnapshot_5669ea6')).toBe(true);
  });

  it('CommonJS form with app code after its last export: parsed as app code', async () => {
    const app = Buffer.concat([CJS, Buffer.from(`\nconst engine = (0, _call.createAgoraRtcEngine)();\n${APP_CALL}`)]);
    const facts = await readFacts(app, 'www/static/engine.js', ctx);
    expect(facts.meta.vendorBuild).toBeUndefined();
  });

  it('ES module form with app code after its last export: parsed, and the app calls are found', async () => {
    const app = Buffer.concat([ESM, Buffer.from(`\nimport { createAgoraRtcEngine } from 'react-native-agora';\nconst engine = createAgoraRtcEngine();\n${APP_CALL}`)]);
    const facts = await readFacts(app, 'www/static/engine.js', ctx);
    expect(facts.meta.vendorBuild).toBeUndefined();
    expect(apiCallsOf(facts, ctx.rules).map((c) => c.callee)).toEqual(expect.arrayContaining([expect.stringContaining('joinChannel')]));
  });
});
