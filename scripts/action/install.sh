#!/usr/bin/env bash
# Step 1 of action.yml: make the CLI runnable from the action's own checkout (GITHUB_ACTION_PATH).
# - runtime dependencies exactly as package-lock.json pins them (npm ci --omit=dev), with no install scripts run;
# - the build (dist/) with the TypeScript release the lockfile pins, its tarball checked against the lockfile's
#   integrity before it runs. No package is ever fetched under the name "rtcscan".
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

if [ -f node_modules/.package-lock.json ] && [ -f dist/scanner/cli/main.js ]; then
  echo "rtcscan: already installed in $root"
  exit 0
fi

npm ci --omit=dev --ignore-scripts --no-audit --no-fund

if [ ! -f dist/scanner/cli/main.js ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  ts_version="$(node -p "require('./package-lock.json').packages['node_modules/typescript'].version")"
  ts_integrity="$(node -p "require('./package-lock.json').packages['node_modules/typescript'].integrity")"
  registry="$(npm config get registry)"
  # The tarball by its registry address (what npm ci fetches for a locked version): the same bytes, from npm's
  # cache when it has them.
  (cd "$tmp" && npm pack --silent "${registry%/}/typescript/-/typescript-${ts_version}.tgz" >/dev/null)
  tgz="$(ls "$tmp"/typescript-*.tgz)"
  node -e '
    const [file, want] = process.argv.slice(1);
    const got = "sha512-" + require("node:crypto").createHash("sha512").update(require("node:fs").readFileSync(file)).digest("base64");
    if (got !== want) { console.error(`::error::typescript tarball integrity ${got} is not the lockfile'"'"'s ${want}`); process.exit(2); }
  ' "$tgz" "$ts_integrity"
  tar -xzf "$tgz" -C "$tmp"
  node "$tmp/package/bin/tsc" -p scripts/action/tsconfig.action.json
  # The validated rules snapshot, as `npm run build` writes it: scans start without the YAML parser and zod.
  node scripts/rules-snapshot.mjs
fi
echo "rtcscan $(node dist/scanner/cli/main.js --version) ready in $root"
