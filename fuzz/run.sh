#!/bin/sh
# Builds and runs the libFuzzer targets on the stable toolchain, without cargo-fuzz: the
# instrumentation cargo-fuzz adds with `--sanitizer none` is plain codegen options
# (`-Cpasses=sancov-module` and LLVM's SanitizerCoverage flags) that stable rustc accepts;
# libfuzzer-sys builds libFuzzer itself with the system C++ compiler.
#
#   fuzz/run.sh build                    build every target (release, instrumented)
#   fuzz/run.sh TARGET SECONDS [ARGS]    seed the corpora (seed.sh), then fuzz TARGET for
#                                        SECONDS; extra ARGS go to libFuzzer
#
# Artifacts (crashes, timeouts, out-of-memory inputs) land in fuzz/artifacts/TARGET/. Each
# target gets an input size cap large enough for deep nesting (-max_len), a per-input timeout
# above the 10 s parse and analysis budgets, and an RSS limit above the 512 MiB parse-memory
# cap. CARGO_BUILD_JOBS and nice(1) are the caller's to set on a shared machine.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
triple=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="${RUSTFLAGS:-} -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
--cfg fuzzing -Cdebug-assertions"
build() {
    cargo build --manifest-path "$here/Cargo.toml" --locked --release --target "$triple" --bins "$@"
}
if [ "${1:-}" = build ]; then
    shift
    build "$@"
    exit
fi
target=$1
seconds=$2
shift 2
build --bin "$target"
sh "$here/seed.sh" >/dev/null
mkdir -p "$here/corpus/$target" "$here/artifacts/$target"
case "$target" in
    analyze | nest_*) max_len=1048576 ;;
    *) max_len=65536 ;;
esac
exec "$here/target/$triple/release/$target" "$here/corpus/$target" \
    -artifact_prefix="$here/artifacts/$target/" -max_total_time="$seconds" \
    -max_len="$max_len" -timeout=60 -rss_limit_mb=3072 -print_final_stats=1 "$@"
