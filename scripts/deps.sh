#!/bin/bash
# scripts/deps.sh [build|test]
#	Installs the Debian packages crashpipe needs, and only those missing, so
#	running it again costs nothing.  "build" (the default) is what make up
#	needs; "test" adds what the test layers use (firefox-esr as a real crash
#	reporter client, clang with its sanitizer runtimes for the fuzzers,
#	chromium and npm for the browser tests).  Uses sudo when not run as root.
set -euo pipefail

BUILD_PKGS="make gcc pkg-config postgresql postgresql-server-dev-15 libpq-dev
	libmicrohttpd-dev libpcre2-dev zlib1g-dev libcurl4-openssl-dev curl python3"
TEST_PKGS="firefox-esr util-linux procps clang libclang-rt-14-dev chromium"

pkgs=$BUILD_PKGS
[ "${1:-build}" = test ] && pkgs="$pkgs $TEST_PKGS"
# The browser tests install playwright-core with npm; any npm will do.
[ "${1:-build}" = test ] && ! command -v npm >/dev/null && pkgs="$pkgs npm"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "crashpipe: installing Debian packages:$missing"
$sudo apt-get update -qq
# postgresql's package starts a cluster of its own on Debian; crashpipe uses its own under var/.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
