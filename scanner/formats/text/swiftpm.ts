// Swift Package Manager's Package.resolved (Xcode's `project.xcworkspace/xcshareddata/swiftpm/Package.resolved` or
// a package's own): the packages an app links by repository, each a `swiftpm` LibraryFact named `owner/repo`
// (lower case, from the pin's `location` (format 2/3) or `repositoryURL` (format 1)), with the pinned version: SDK
// evidence as a Podfile's pods are. The file is written by Xcode, so the pins are what the app builds with.
import type { Facts } from '../../core/facts.js';

const PIN_URL = /"(?:location|repositoryURL)"\s*:\s*"(?:https?:\/\/|git@)[^/":]+[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?"/;
const VERSION = /"version"\s*:\s*"(\d+(?:\.\d+)*)"/;

export function isSwiftPackageResolved(name: string): boolean {
  return name === 'package.resolved';
}

/** Adds the pinned packages to `facts.libraries`. */
export function readSwiftPackageResolved(text: string, facts: Facts): void {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = PIN_URL.exec(line);
    if (!m) return;
    // The pin's version follows its location within the same object (a few lines on).
    let version: string | undefined;
    for (let j = i + 1; j < Math.min(lines.length, i + 8) && !version; j++) {
      if (PIN_URL.test(lines[j]!)) break;
      version = VERSION.exec(lines[j]!)?.[1];
    }
    const at = line.indexOf(m[1]!);
    facts.libraries.push({ name: m[1]!.toLowerCase(), kind: 'swiftpm', ...(version ? { version } : {}), line: i + 1, column: at + 1, snippet: line.trim().slice(0, 200) });
  });
}
