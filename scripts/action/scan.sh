#!/usr/bin/env bash
# Step 2 of action.yml: scan the paths, write the SARIF report, the job summary ($GITHUB_STEP_SUMMARY) and the step
# outputs ($GITHUB_OUTPUT), then exit with the CLI's code so --fail-on decides whether the step fails. The summary
# and outputs are written first, so they are there on a failing step too.
# Inputs come as environment variables (never spliced into the script: a path cannot inject shell).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# The package's bin: the bundled CLI (scripts/bundle.mjs).
cli="$root/$(node -p 'require(process.argv[1]).bin.rtcscan' "$root/package.json")"
: "${GITHUB_OUTPUT:=/dev/null}" "${GITHUB_STEP_SUMMARY:=/dev/null}"

paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [ -n "$line" ] && paths+=("$line")
done <<<"${RTCSCAN_PATHS:-}"
if [ "${#paths[@]}" -eq 0 ]; then
  echo "::error::rtcscan: the paths input names nothing to scan"
  echo "exit-code=2" >>"$GITHUB_OUTPUT"
  exit 2
fi

sarif="${RTCSCAN_SARIF:-rtcscan.sarif}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
args=(scan -o "$sarif" -o "$work/report.txt" --fail-on "${RTCSCAN_FAIL_ON:-error}" --progress)
[ -n "${RTCSCAN_CATEGORY:-}" ] && args+=(--category "$RTCSCAN_CATEGORY")
[ -n "${RTCSCAN_CONFIG:-}" ] && args+=(--config "$RTCSCAN_CONFIG")
[ -n "${RTCSCAN_BASELINE:-}" ] && args+=(--baseline "$RTCSCAN_BASELINE")

node "$cli" "${args[@]}" -- "${paths[@]}"
code=$?

if [ -f "$sarif" ]; then
  echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
  node "$root/scripts/action/summary.mjs" counts "$sarif" >>"$GITHUB_OUTPUT"
  if [ -n "${RTCSCAN_BASELINE:-}" ]; then
    # The release diff: what appeared or went away since the baseline, as markdown.
    node "$cli" diff --format markdown -- "$RTCSCAN_BASELINE" "$sarif" >>"$GITHUB_STEP_SUMMARY" || echo "::warning::rtcscan: the release diff could not be written to the job summary"
  else
    node "$root/scripts/action/summary.mjs" markdown "$sarif" "$work/report.txt" >>"$GITHUB_STEP_SUMMARY"
  fi
else
  echo "sarif=" >>"$GITHUB_OUTPUT"
  printf '### rtcscan\n\nNo report was written (exit code %s): see the step log.\n' "$code" >>"$GITHUB_STEP_SUMMARY"
fi
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
exit "$code"
