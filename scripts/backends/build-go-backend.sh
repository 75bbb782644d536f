#!/usr/bin/env bash
# Builds Jaeger or Loki from the wrapper module in scripts/backends/go/<name> with this
# machine's Go toolchain and caches the binary by version outside the clone:
#   ${SIGHTLINE_CACHE_DIR:-~/.cache/sightline}/bin/<name>-<version>
# Prints the binary's path on stdout. Build output goes to <cache>/logs/build-<name>.log.
set -euo pipefail
name="${1:?usage: build-go-backend.sh jaeger|loki}"
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/go/$name"
[ -f "$src/go.mod" ] || { echo "build-go-backend: unknown backend '$name'" >&2; exit 2; }

case "$name" in
  jaeger) pkg=github.com/jaegertracing/jaeger/cmd/jaeger; mod=github.com/jaegertracing/jaeger ;;
  loki)   pkg=github.com/grafana/loki/v3/cmd/loki;       mod=github.com/grafana/loki/v3 ;;
esac
version="$(awk -v m="$mod" '$1==m {print $2} $1=="require" && $2==m {print $3}' "$src/go.mod" | head -n1)"
[ -n "$version" ] || { echo "build-go-backend: no version of $mod in $src/go.mod" >&2; exit 2; }

cache="${SIGHTLINE_CACHE_DIR:-$HOME/.cache/sightline}"
bin="$cache/bin/$name-$version"
log="$cache/logs/build-$name.log"
mkdir -p "$cache/bin" "$cache/logs"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi

command -v go >/dev/null || { echo "build-go-backend: Go toolchain not found; install Go >= 1.26 to build $name" >&2; exit 1; }
echo "build-go-backend: building $name $version with $(go version | awk '{print $3}') (first run only; log: $log)" >&2
start=$(date +%s)
# Build into a temp file and rename, so an interrupted build never leaves a broken binary.
if ! (cd "$src" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -trimpath -ldflags='-s -w' -o "$bin.tmp" "$pkg") >"$log" 2>&1; then
  echo "build-go-backend: building $name failed: (cd $src && go build -o $bin $pkg); see $log" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
mv "$bin.tmp" "$bin"
echo "build-go-backend: built $name in $(( $(date +%s) - start ))s -> $bin" >&2
echo "$bin"
