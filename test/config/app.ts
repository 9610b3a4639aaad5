// A small real web app source the config and baseline tests scan: an Agora client (RTC101/102/304/401/404/501),
// an identifier sent over HTTPS to an Agora host (RTC303 under a PRC policy) and over http:// (RTC301/302).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const APP_JS = `import AgoraRTC from 'agora-rtc-sdk-ng';
const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });
export async function start(userId, roomId) {
  await client.join('0123456789abcdef0123456789abcdef', roomId, null, userId);
  await fetch('https://api.agora.io/dev/v1/rooms?uid=' + userId);
  await fetch('http://signal.example.net/join?room=' + roomId);
}
`;

/** Writes `<dir>/src/main.js` (and optional extra files under src/); returns dir. */
export function writeApp(dir: string, extra: Record<string, string> = {}): string {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src/main.js'), APP_JS);
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(join(dir, 'src', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'src', name), text);
  }
  return dir;
}
