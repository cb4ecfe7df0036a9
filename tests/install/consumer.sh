#!/usr/bin/env bash
# The library as another project uses it: install this build into a fresh prefix, then build
# examples/consumer against it twice, with find_package(secmode) and with pkg-config, and have
# each judge a conformant trace (exit 0) and the #23 trace (exit 1, the network's 5.4.3.2).
# Arguments: the build tree, the source tree.
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null

judge() {  # judge BINARY: both traces, with the exit status and the clause each must give
  "$1" "$src/examples/traces/eps_attach_smc.jsonl" >"$tmp/ok.out"
  grep -q '^0 violations$' "$tmp/ok.out"
  status=0
  "$1" "$src/examples/traces/eps_smc_reject_23.jsonl" >"$tmp/bad.out" || status=$?
  [ "$status" -eq 1 ]
  grep -q '"clause":"TS 24.301 5.4.3.2","expected"' "$tmp/bad.out"
  grep -q '"verdict":"violation"' "$tmp/bad.out"
}

cmake -S "$src/examples/consumer" -B "$tmp/cmake" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/cmake" >/dev/null
judge "$tmp/cmake/judge_trace"

pc=$(dirname "$(find "$tmp/prefix" -name secmode.pc)")
# shellcheck disable=SC2046
c++ -O1 "$src/examples/consumer/judge_trace.cpp" -o "$tmp/judge_pc" $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs secmode)
judge "$tmp/judge_pc"
echo "installed package: find_package and pkg-config consumers judge both traces as expected"
