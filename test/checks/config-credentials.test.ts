// Vendor credentials in the config files apps commit (.env, YAML, appsettings.json, xcconfig, properties, Gradle,
// Android string resources), read by the real readers and reported by the credentials check: one result per
// credential, masked, located at the value.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFacts } from '../../scanner/formats/index.js';
import { loadRulePack } from '../../scanner/rules/pack.js';
import { credentialsCheck } from '../../scanner/checks/credentials.js';
import { runChecks } from './harness.js';

const pack = loadRulePack();
const FILES = ['.env', '.env.example', 'application.yml', 'appsettings.json', 'app/ios/Secrets.xcconfig', 'app/local.properties', 'app/build.gradle', 'app/src/main/res/values/strings.xml'];

async function scanFixtures(showSecrets = false) {
  const facts = await Promise.all(
    FILES.map((f) => readFacts(readFileSync(fileURLToPath(new URL(`../fixtures/config/${f}`, import.meta.url))), `app!/${f}`, { rules: pack, maxStrings: 100_000 })),
  );
  return runChecks([credentialsCheck], facts, { pack, showSecrets });
}

describe('config-file credentials (test/fixtures/config)', () => {
  it('reports each credential once, by vendor and rule, at the value', async () => {
    const f = await scanFixtures();
    const got = f.map((x) => [x.location.artifact.slice(5), x.location.line, x.ruleId, x.properties.vendor, x.properties.credentialRule]).sort((a, b) => String(a).localeCompare(String(b)));
    expect(got).toEqual(
      [
        ['.env', 3, 'RTC401', 'livekit', 'api-key'],
        ['.env', 4, 'RTC402', 'livekit', 'api-secret'],
        ['.env', 5, 'RTC401', 'agora', 'app-id'],
        ['.env', 6, 'RTC402', 'agora', 'app-certificate'],
        ['.env', 7, 'RTC401', 'twilio', 'account-sid'],
        ['.env', 8, 'RTC401', 'twilio', 'api-key-sid'],
        ['.env', 9, 'RTC402', 'twilio', 'auth-token-or-api-secret'],
        ['application.yml', 5, 'RTC401', 'zegocloud', 'app-id'],
        ['application.yml', 6, 'RTC402', 'zegocloud', 'server-secret'],
        ['application.yml', 9, 'RTC401', 'tencent-trtc', 'sdk-app-id'],
        ['application.yml', 10, 'RTC402', 'tencent-trtc', 'sdk-secret-key'],
        ['appsettings.json', 4, 'RTC401', 'vonage', 'api-key'],
        ['appsettings.json', 5, 'RTC402', 'vonage', 'api-secret'],
        ['appsettings.json', 6, 'RTC401', 'vonage', 'application-id'],
        ['appsettings.json', 8, 'RTC402', 'daily', 'rest-api-key'],
        ['app/build.gradle', 4, 'RTC401', 'sendbird-calls', 'app-id'],
        ['app/build.gradle', 5, 'RTC402', 'zegocloud', 'app-sign'],
        ['app/build.gradle', 6, 'RTC401', 'agora', 'app-id'],
        ['app/ios/Secrets.xcconfig', 2, 'RTC401', 'stream-video', 'api-key'],
        ['app/ios/Secrets.xcconfig', 3, 'RTC401', 'hms', 'app-access-key'],
        ['app/local.properties', 2, 'RTC401', 'zoom-video-sdk', 'sdk-key'],
        ['app/local.properties', 3, 'RTC402', 'zoom-video-sdk', 'sdk-secret'],
        ['app/src/main/res/values/strings.xml', 4, 'RTC401', 'tencent-trtc', 'sdk-app-id'],
        ['app/src/main/res/values/strings.xml', 5, 'RTC402', 'daily', 'rest-api-key'],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
  });

  it('names the key, points at the value column and masks the value', async () => {
    const f = await scanFixtures();
    const secret = f.find((x) => x.properties.credentialRule === 'api-secret' && x.properties.vendor === 'livekit')!;
    // export LIVEKIT_API_SECRET="Xk9f…": the value starts after the opening quote, column 28.
    expect(secret.location).toMatchObject({ artifact: 'app!/.env', line: 4, column: 28 });
    expect(secret.message).toContain('config LIVEKIT_API_SECRET');
    expect(secret.message).toContain('Xk9f…0qNw');
    expect(secret.message).not.toContain('Xk9fQ2mW7pLrT4vB8nZc3yHd6sJa1eGu5oKi0qNw');
    const yml = f.find((x) => x.properties.credentialRule === 'server-secret')!;
    expect(yml.message).toContain('config zego/server-secret');
    const res = f.find((x) => x.location.artifact.endsWith('strings.xml') && x.ruleId === 'RTC402')!;
    expect(res.message).toContain('config daily_api_key');
  });

  it('template placeholders (.env.example) and comments give nothing', async () => {
    const f = await scanFixtures(true);
    expect(f.filter((x) => x.location.artifact.endsWith('.env.example'))).toEqual([]);
    expect(f.some((x) => /LiveKit Cloud project/.test(x.message))).toBe(false);
  });
});
