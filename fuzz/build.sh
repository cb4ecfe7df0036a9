#!/bin/bash -eu
# OSS-Fuzz build script (google.github.io/oss-fuzz, "new project guide"): every target named in
# SECMODE_FUZZ_TARGETS (fuzz/CMakeLists.txt) built with $CXX $CXXFLAGS, linked with
# $LIB_FUZZING_ENGINE into $OUT as fuzz_<name>, with fuzz/corpus/<name>/ as its seed corpus.
#
# The project is expected in $SRC/main (the Dockerfile clones it there); SECMODE_ROOT overrides.
# spec/ and impl/ are compiled directly rather than through CMake: the top-level project also
# wants Z3, Botan, ipsec-mb, GTest and RapidCheck, none of which a fuzz target links, so the
# image needs only a C++20 compiler, OpenSSL's libcrypto (spec/crypto) and the nlohmann-json
# headers (cli/json, the JSON form of decoded messages).
#
# Local check: CXX=clang++ CXXFLAGS="-fsanitize=fuzzer-no-link,address" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/ossfuzz-out SRC=/work fuzz/build.sh

root="${SECMODE_ROOT:-$SRC/main}"
build="${WORK:-/tmp}/secmode-fuzz-objects"
mkdir -p "$build" "$OUT"

# The set() may span lines when targets are appended; take everything up to its ')'.
targets=$(awk '/^set\(SECMODE_FUZZ_TARGETS/ { on = 1 } on { print } on && /\)/ { exit }' \
            "$root/fuzz/CMakeLists.txt" | sed -e 's/set(SECMODE_FUZZ_TARGETS//' -e 's/)//')

objects=()
for src in $(cd "$root" && { find spec impl oracle cli/json -name '*.cpp'; echo cli/trace_judge.cpp; echo cli/msc.cpp; } | sort); do
  object="$build/${src//\//_}.o"
  $CXX $CXXFLAGS -std=c++20 -I"$root" -c "$root/$src" -o "$object"
  objects+=("$object")
done
rm -f "$build/libsecmode.a"
${AR:-ar} rcs "$build/libsecmode.a" "${objects[@]}"

for name in $targets; do
  $CXX $CXXFLAGS -std=c++20 -I"$root" "$root/fuzz/$name.cpp" "$build/libsecmode.a" \
    $LIB_FUZZING_ENGINE -lcrypto -o "$OUT/fuzz_$name"
  rm -f "$OUT/fuzz_${name}_seed_corpus.zip"
  (cd "$root/fuzz/corpus/$name" && zip -q -r "$OUT/fuzz_${name}_seed_corpus.zip" .)
done
