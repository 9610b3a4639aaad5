// Picking a rule's text for one platform. Kept apart from schema.ts (which builds the zod schemas) so the checks
// that print rule texts load no zod: a scan from the rules snapshot never validates anything.
import type { Platform, PlatformText } from './schema.js';

/** The text for one platform (falls back to `native` for iOS/Android, then to the first text given). */
export function textFor(t: PlatformText, platform: Platform | undefined): string {
  if (typeof t === 'string') return t;
  // Flutter plugins expose the API of the vendors' React Native / Web SDKs (Agora's Dart and TypeScript APIs are
  // generated from one definition): without a text of their own, theirs are the `js` ones.
  const key = platform === 'flutter' && !t.flutter ? 'js' : platform;
  const own = key ? t[key] : undefined;
  return own ?? (platform === 'ios' || platform === 'android' ? t.native : undefined) ?? Object.values(t).find((x): x is string => !!x) ?? '';
}
