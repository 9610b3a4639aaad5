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
