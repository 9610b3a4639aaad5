// Media and font files carry no code, endpoints or configuration worth the read: they are recorded, not scanned.
const SKIPPED = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'heic', 'bmp', 'tif', 'tiff', 'ico', 'icns',
  'mp3', 'mp4', 'm4a', 'm4v', 'mov', 'wav', 'aac', 'ogg', 'opus', 'flac', 'caf',
  'ttf', 'otf', 'woff', 'woff2', 'eot',
]);

export function isSkippedByName(path: string): boolean {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return false;
  return SKIPPED.has(path.slice(dot + 1).toLowerCase());
}

// Packages a build tool installed into the checkout for its own use: Bundler's `vendor/bundle/ruby/<version>/`
// (the gems of CocoaPods and fastlane, committed with `bundle install --path vendor/bundle`) and a Python virtual
// environment's `lib/python3.x/site-packages/`. They run on the build machine and are never packaged into the app,
// so their test URLs, fixtures and host lists are nothing the app contacts: recorded, not scanned.
const TOOLING_INSTALL = /(?:^|\/)(?:vendor\/bundle\/ruby\/\d[^/]*\/|lib\/python\d(?:\.\d+)?\/site-packages\/)/;

export function isToolingInstall(path: string): boolean {
  return TOOLING_INSTALL.test(path);
}

// A Git LFS pointer (a repository checked out without `git lfs pull`): a few lines naming the real file's hash and
// size (git-lfs spec v1). It holds none of the file's content: the walk hands the file on empty, so its name still
// counts as evidence and its lines are not read as what the name says (a `.so` pointer is no SDK code whose one
// host is the spec's).
const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1\n';

export function isLfsPointer(data: Buffer): boolean {
  return data.length < 1024 && data.subarray(0, LFS_POINTER.length).toString('latin1') === LFS_POINTER;
}
