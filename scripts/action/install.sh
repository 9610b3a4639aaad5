#!/usr/bin/env bash
# Step 1 of action.yml: make the CLI runnable from the action's own checkout (GITHUB_ACTION_PATH).
# - runtime dependencies exactly as package-lock.json pins them (npm ci --omit=dev), with no install scripts run;
# - the build (dist/) with the TypeScript and esbuild releases the lockfile pins, their tarballs checked against
#   the lockfile's integrity before they run. No package is ever fetched under the name "rtcscan".
# A second run in the same job (the action used twice) finds everything in place and does nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

major_minor="$(node -p 'process.versions.node.split(".").slice(0, 2).join(" ")')"
read -r major minor <<<"$major_minor"
if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
  echo "::error::rtcscan needs Node.js >= 20.19 (this runner has $(node --version)); add actions/setup-node before it"
  exit 2
fi

cli="$(node -p "require('./package.json').bin.rtcscan")"
if [ -f node_modules/.package-lock.json ] && [ -f "$cli" ]; then
  echo "rtcscan: already installed in $root"
  exit 0
fi

npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Unpacks the tarball of a devDependency at the version and integrity package-lock.json pins, into $tmp/<dir>.
# The tarball by its registry address (what npm ci fetches for a locked version): the same bytes, from npm's cache
# when it has them; nothing runs before its integrity matches the lockfile's.
locked_package() {
  local name="$1" dir="$2" version integrity registry tgz
  version="$(node -p "require('./package-lock.json').packages['node_modules/$name'].version")"
  integrity="$(node -p "require('./package-lock.json').packages['node_modules/$name'].integrity")"
  registry="$(npm config get registry)"
  mkdir -p "$tmp/$dir"
  (cd "$tmp/$dir" && npm pack --silent "${registry%/}/$name/-/${name##*/}-${version}.tgz" >/dev/null)
  tgz="$(ls "$tmp/$dir"/*.tgz)"
  node -e '
    const [file, want] = process.argv.slice(1);
    const got = "sha512-" + require("node:crypto").createHash("sha512").update(require("node:fs").readFileSync(file)).digest("base64");
    if (got !== want) { console.error(`::error::${file} integrity ${got} is not the lockfile'"'"'s ${want}`); process.exit(2); }
  ' "$tgz" "$integrity"
  tar -xzf "$tgz" -C "$tmp/$dir"
}

if [ ! -f "$cli" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  locked_package typescript typescript
  node "$tmp/typescript/package/bin/tsc" -p scripts/action/tsconfig.action.json
  # The validated rules snapshot, as `npm run build` writes it: scans start without the YAML parser and zod.
  node scripts/rules-snapshot.mjs
  # The bundled CLI (the package's bin), as `npm run build` writes it, by the esbuild release the lockfile pins:
  # its JavaScript API and the native binary of this runner's platform (no install script runs).
  platform="$(node -p 'process.platform + "-" + process.arch')"
  locked_package esbuild esbuild
  locked_package "@esbuild/$platform" esbuild-bin
  bin="$tmp/esbuild-bin/package/bin/esbuild"
  [ -f "$bin" ] || bin="$tmp/esbuild-bin/package/esbuild.exe"
  ESBUILD_BINARY_PATH="$bin" RTCSCAN_ESBUILD="$tmp/esbuild/package/lib/main.js" node scripts/bundle.mjs
fi
echo "rtcscan $(node "$cli" --version) ready in $root"
