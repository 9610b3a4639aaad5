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
