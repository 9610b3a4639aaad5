#!/usr/bin/env bash
# Rebuilds samples/ios/core/ClubCore (committed): an arm64 iOS framework binary built with clang + ld64.lld
# (LLVM 14), no Apple SDK needed. samples/build.mjs puts it into Club.ipa as Frameworks/ClubCore.framework with
# PrivacyInfo.plist converted to a binary PrivacyInfo.xcprivacy.
# `build.sh macos OUT` builds the same sources for macOS into OUT (the privacy-manifest test's fixture).
set -euo pipefail
PLATFORM=${1:-ios}
OUT=$(realpath -m "${2:-$(dirname "$0")/ClubCore}")
cd "$(dirname "$0")"
export PATH="/usr/lib/llvm-14/bin:$PATH"
export ZERO_AR_DATE=1 SOURCE_DATE_EPOCH=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
case "$PLATFORM" in
  ios) T=arm64-apple-ios14.0; LD=(ld64.lld -arch arm64 -platform_version ios 14.0 14.0) ;;
  macos) T=arm64-apple-macos11.0; LD=(ld64.lld -arch arm64 -platform_version macos 11.0 11.0) ;;
  *) echo "usage: build.sh [ios|macos] [out]" >&2; exit 2 ;;
esac
clang -target $T -O1 -c system.c -o "$TMP/system.o"
"${LD[@]}" -dylib -install_name /usr/lib/libSystem.B.dylib "$TMP/system.o" -o "$TMP/libSystem.B.dylib"
clang -target $T -O1 -c ClubCore.c -o "$TMP/ClubCore.o"
"${LD[@]}" -dylib -install_name @rpath/ClubCore.framework/ClubCore "$TMP/ClubCore.o" "$TMP/libSystem.B.dylib" -o "$OUT"
ls -l "$OUT"
