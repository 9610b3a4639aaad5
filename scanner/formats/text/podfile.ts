// CocoaPods Podfile: the pods an iOS app links (`pod 'AgoraRtcEngine_iOS', '4.2.6'`), each a `pod` LibraryFact as
// a Gradle `implementation 'g:a:v'` line gives a `maven` one: SDK evidence, with the version when it is a plain
// requirement. Podfile.lock stays tooling metadata (core/paths.ts): the Podfile is what the developer declared.
// Form (CocoaPods guides, "The Podfile"): `pod 'Name'`, `pod 'Name/Subspec', '~> 1.2'`, `pod 'Name', :git => …`.
import type { Facts } from '../../core/facts.js';

const POD = /^\s*pod\s*\(?\s*(['"])([A-Za-z0-9_.+-]+(?:\/[A-Za-z0-9_.+-]+)*)\1\s*(?:,\s*(['"])([^'"]+)\3)?/;

export function isPodfile(name: string): boolean {
  return name === 'podfile';
}

/** Adds the Podfile's pods (not commented out) to `facts.libraries`. */
export function readPodfile(text: string, facts: Facts): void {
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = POD.exec(line);
    if (!m) return;
    // `'~> 3.20.2'`, `'4.2.6'`, `'>= 1.0'`: the version part of the first requirement.
    const version = m[4] ? /(\d+(?:\.\d+)*)/.exec(m[4])?.[1] : undefined;
    const at = line.indexOf(m[2]!);
    facts.libraries.push({ name: m[2]!, kind: 'pod', ...(version ? { version } : {}), line: i + 1, column: at + 1, snippet: line.trim().slice(0, 200) });
  });
}
