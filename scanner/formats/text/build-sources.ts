// Where build tools download dependencies from: Gradle `repositories { maven { url … } }`, `source '…'` of a Gemfile
// or Podfile, a Go import path. These URLs are fetched by the developer's build machine (Maven Central, JitPack, rubygems.org, the
// CocoaPods CDN), never by the app: the reader keeps such lines as tooling metadata (comments), as it does for
// lockfiles, so no endpoint comes from them. Everything else in those files (buildConfigField values, pods) is read.

/** Gradle (Groovy or Kotlin DSL) repository declarations that name a URL. */
const GRADLE_REPOSITORY = [
  // maven { url 'https://jitpack.io' }   maven { url = uri("https://…") }   maven { setUrl("https://…") }
  /^\s*maven\s*\{\s*(?:url\s*=?\s*|setUrl\s*\(\s*)(?:uri\s*\(\s*)?['"]/,
  // maven("https://jitpack.io")   maven(url = "https://…")
  /^\s*maven\s*\(\s*(?:url\s*=\s*)?['"]/,
  // url 'https://…' / url = uri("https://…") on its own line inside a maven { } block
  /^\s*(?:url\s*=?\s*|setUrl\s*\(\s*)(?:uri\s*\(\s*)?['"][a-z]+:\/\//,
];

/** `source 'https://rubygems.org'` (Gemfile), `source 'https://cdn.cocoapods.org/'` (Podfile). */
const RUBY_SOURCE = /^\s*source\s*\(?\s*['"]/;
const RUBY_BUILD_FILES = new Set(['gemfile', 'podfile']);

/**
 * A Go import spec (`import "gorm.io/gorm"`, a line `db "gorm.io/driver/mysql"` of an import block): a module path
 * the Go toolchain resolves at build time (its first element has a host's shape), not a host the program contacts.
 * A line holding only an optionally named quoted path without a scheme; slice elements end in a comma.
 */
const GO_IMPORT = /^\s*(?:import\s+)?(?:[A-Za-z_.][\w]*\s+)?"[^"\s:]+"\s*(?:\/\/.*)?$/;

/** The line declares a dependency repository of a build tool (see above); `name` is the file's lower-case base name. */
export function isDependencySourceLine(name: string, line: string): boolean {
  return dependencySourceLineTest(name)?.(line) ?? false;
}

/** The test of `isDependencySourceLine` for files named `name`, or undefined for files that declare none (most). */
export function dependencySourceLineTest(name: string): ((line: string) => boolean) | undefined {
  if (name.endsWith('.go')) return (line) => GO_IMPORT.test(line);
  if (name.endsWith('.gradle') || name.endsWith('.gradle.kts')) return (line) => GRADLE_REPOSITORY.some((re) => re.test(line));
  if (RUBY_BUILD_FILES.has(name)) return (line) => RUBY_SOURCE.test(line);
  return undefined;
}
