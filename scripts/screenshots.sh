#!/usr/bin/env bash
# Takes docs/admin.md's screenshots of the admin console (docs/console-desktop.png, docs/console-phone.png):
# starts the relay with a few chatting users, logs in with headless Chromium (Debian's chromium and
# chromium-driver) and saves what it shows. Usage: scripts/screenshots.sh [output directory]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs}")"
./mvnw -B -q test -Dtest=ConsoleScreenshots -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir="$out"
ls -l "$out"/console-*.png
