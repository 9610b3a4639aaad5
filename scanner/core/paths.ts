// What an artifact is by its virtual path alone, for readers and checks alike.
//
// Library code: a file under `node_modules/` is a dependency's (or the vendor SDK's) own code, never the app's —
// whether a repository commits its node_modules, an Electron app ships them in app.asar, or a bundler keeps a
// pre-bundle there (`node_modules/.vite/deps/`). Its calls, cleartext URLs and literal credentials are the library's.
//
// Prose and tooling metadata: documentation (README, LICENSE, CHANGELOG, *.md), VCS and lint ignore files,
// robots.txt, dependency lockfiles, license notices (CocoaPods acknowledgements) and build scripts' logs name hosts
// and URLs that the app never contacts (funding links, registry tarballs, documentation). Their lines are read as
// comments: no endpoint, credential or SDK comes from them.

/** `…/node_modules/@scope/name/…` or `…/node_modules/name/…` → the package (the innermost install wins). */
export function packageOfPath(path: string): string | undefined {
  const i = path.lastIndexOf('node_modules/');
  if (i < 0) return undefined;
  const rest = path.slice(i + 'node_modules/'.length).split('/');
  if (!rest[0]) return undefined;
  if (rest[0].startsWith('@')) return rest[1] ? `${rest[0]}/${rest[1]}` : undefined;
  return rest[0];
}

/** The artifact is a dependency's file (see above): its package, or undefined for app files. */
export function libraryPackageOfArtifact(artifact: string): string | undefined {
  const i = artifact.lastIndexOf('node_modules/');
  if (i < 0 || (i > 0 && !/[/!]/.test(artifact[i - 1]!))) return undefined;
  return packageOfPath(artifact) ?? 'node_modules';
}

/**
 * A file inside a Java library archive (`app/libs/maps-sdk.jar!/com/maps/Net.class`, an `.aar`'s `classes.jar`):
 * the archive's name. A jar or aar is a library by what it is — an app ships as an APK, AAB or IPA — so its classes
 * and resources are that library's code, not the app's, wherever the archive is committed or bundled.
 */
export function archiveLibraryOf(artifact: string): string | undefined {
  return /(?:^|[/!])([^/!]+\.(?:jar|aar))!\//i.exec(artifact)?.[1];
}

/** The same for read facts: also a vendor package's file found by its package.json (`Facts.package`). */
export function libraryPackageOfFacts(facts: { artifact: string; package?: string }): string | undefined {
  return libraryPackageOfArtifact(facts.artifact) ?? facts.package;
}

const PROSE_NAMES = new Set([
  'readme', 'license', 'licence', 'copying', 'notice', 'notices', 'authors', 'contributors', 'changelog', 'changes',
  'history', 'security', 'code_of_conduct', 'contributing', 'robots.txt', 'humans.txt', '.gitignore',
  '.gitattributes', '.npmignore', '.dockerignore', '.eslintignore', '.prettierignore', 'codeowners',
  // Dependency lockfiles: registry tarball URLs and funding links, not the app's endpoints.
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'pubspec.lock',
  'podfile.lock', 'gemfile.lock', 'cargo.lock', 'composer.lock', 'poetry.lock', 'gradle.lockfile',
  // SwiftPM's pins (repository URLs the build machine clones; the pins themselves are read as SDK evidence).
  'package.resolved',
  'cmakelists.txt', 'cmakecache.txt', 'proguard-rules.pro',
  // Build-tool settings: dependency repositories (`[maven_repositories] central = https://repo1.maven.org/…`).
  '.buckconfig',
  // Gradle's build receipt inside its own jars (gradle-wrapper.jar): the name of the machine that built Gradle.
  'build-receipt.properties',
]);
/** CocoaPods' generated license notices (`Pods-App-acknowledgements.plist`), Settings.bundle `Acknowledgements.plist`. */
const ACKNOWLEDGEMENTS = /(?:^|[-_.])acknowledgements\.plist$/;
/** terser-webpack-plugin's extracted licence comments beside each bundle (`main.3f2a.js.LICENSE.txt`, CRA, Next.js). */
const EXTRACTED_LICENSES = /\.license\.txt$/;
const CODE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|json|java|kt|swift|m|mm|dart|py|rb|go|rs|c|cc|cpp|h)$/;
const PROSE_EXTENSIONS = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|textile|log|cmake|iml)$/;

/** The artifact is documentation or tooling metadata (see above). */
export function isProseArtifact(artifact: string): boolean {
  const name = artifact.slice(Math.max(artifact.lastIndexOf('/'), artifact.lastIndexOf('!')) + 1).toLowerCase();
  if (PROSE_NAMES.has(name) || PROSE_EXTENSIONS.test(name) || ACKNOWLEDGEMENTS.test(name) || EXTRACTED_LICENSES.test(name)) return true;
  // README.txt, LICENSE-MIT, CHANGELOG.old, NOTICE.html …
  const stem = name.split(/[.-]/)[0]!;
  return ['readme', 'license', 'licence', 'changelog', 'notice', 'copying'].includes(stem) && !CODE_EXTENSIONS.test(name);
}
