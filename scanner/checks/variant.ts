// Build variants by path: Android source sets (`src/debug/`, `src/test/`, `src/androidTest/`, `src/<flavor>Debug/`)
// and Xcode/dotenv debug configurations (`Debug.xcconfig`, `Config-Debug.plist`, `.env.development`). A setting there
// applies to development builds only, so the checks label it instead of reporting it as app-wide policy.
import type { Finding } from '../core/finding.js';

export type BuildVariant = 'debug' | 'test';

export function buildVariantOf(path: string): BuildVariant | undefined {
  const p = path.replace(/\\/g, '/');
  if (/(?:^|[/!])src\/(?:test|androidTest|testDebug|testRelease|\w*UnitTest)\//.test(p)) return 'test';
  if (/(?:^|[/!])src\/(?:debug|\w+Debug)\//.test(p)) return 'debug';
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (/(?:^|[-_.])debug\.(?:xcconfig|plist)$/i.test(name) || /^debug\.(?:xcconfig|plist)$/i.test(name)) return 'debug';
  if (/^\.env\.(?:development|dev|test|local)(?:\.local)?$/i.test(name)) return name.includes('test') ? 'test' : 'debug';
  return undefined;
}

/**
 * Test code, which no build of the app ships: Android's unit and instrumented test source sets, Jest's `__tests__`
 * and `__mocks__` folders, and JS/TS files named `*.test.*` or `*.spec.*` (Jest, Vitest, Jasmine, Karma).
 */
export function isTestSource(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (/(?:^|[/!])src\/(?:test|androidTest|\w*UnitTest)\//.test(p) || /(?:^|[/!])__(?:tests|mocks)__\//.test(p)) return true;
  return /\.(?:test|spec)\.[cm]?[jt]sx?$/i.test(p.slice(p.lastIndexOf('/') + 1));
}

/** A finding from a debug/test-only artifact: a note with `variant`, saying it is not app-wide. */
export function labelVariant(f: Finding, artifact: string): Finding {
  const variant = buildVariantOf(artifact);
  if (!variant) return f;
  return {
    ...f,
    level: 'note',
    message: `${f.message} This file belongs to the ${variant} build variant only: it does not apply to release builds.`,
    properties: { ...f.properties, variant },
  };
}
