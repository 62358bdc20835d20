#!/bin/sh
# Install the Debian packages tally needs to build and test, when missing.
# Idempotent and non-interactive; run as root (or with sudo available).
# Usage: scripts/install-deps.sh [build|check|site|bench|all]
# bench adds what `make bench` times tally against (bench/site.sh): GNU time
# (/usr/bin/time -v for peak memory), Hugo and the cmark-gfm CLI.
set -eu

what=${1:-build}

pkgs="build-essential pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
libyaml-dev libgit2-dev libcmocka-dev libjansson-dev libutf8proc-dev
libxxhash-dev"
case "$what" in
  # chromium and a Chinese font: the browser test (tests/browser/run.sh)
  check|all) pkgs="$pkgs git python3 chromium fonts-noto-cjk" ;;
  bench) pkgs="$pkgs time hugo cmark-gfm" ;;
esac

missing=""
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done

# Node runs the output validators and browser tests; any node will do.
case "$what" in
  check|all)
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
    command -v npm >/dev/null 2>&1 || missing="$missing npm"
    ;;
esac

if [ -z "$missing" ]; then
  exit 0
fi

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-deps: need root to install:$missing" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
