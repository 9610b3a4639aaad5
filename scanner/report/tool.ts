// The tool's identity for reports, from package.json.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

function findPackageJson(): { version: string; homepage?: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8'));
      if (pkg.name === 'rtcscan') return pkg;
    }
    dir = dirname(dir);
  }
  return { version: '0.0.0' };
}

const pkg = findPackageJson();

export const TOOL = {
  name: 'rtcscan',
  version: pkg.version,
  informationUri: pkg.homepage ?? 'https://www.npmjs.com/package/rtcscan',
} as const;
