#!/usr/bin/env bash
# Builds every fuzz target of fuzz/ and gives each a short smoke pass over its checked-in
# corpus, then replays the saved reproducers of fuzz/regressions/<target>/.
#
#   bash scripts/fuzz-smoke.sh            # FUZZ_SECONDS=20 per target (6 targets, `cargo fuzz list`)
#   FUZZ_SECONDS=5 bash scripts/fuzz-smoke.sh
#
# Works from any directory; installs cargo-fuzz if missing. The toolchain is stable:
# RUSTC_BOOTSTRAP=1 lets cargo fuzz pass the unstable flags (sanitizer, coverage) it needs.
# Inputs the fuzzer grows go to a temporary directory, never into the checked-in corpus.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_dir="$root/fuzz"
seconds="${FUZZ_SECONDS:-20}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

cd "$fuzz_dir"
start=$SECONDS
echo "fuzz-smoke: building the fuzz targets"
cargo fuzz build

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Binaries live under <target dir>/<host triple>/release/.
host="$(rustc -vV | sed -n 's/^host: //p')"
bin_dir="${CARGO_TARGET_DIR:-$fuzz_dir/target}/$host/release"

for target in $(cargo fuzz list); do
    if [ -d "regressions/$target" ] && [ -n "$(ls -A "regressions/$target")" ]; then
        echo "fuzz-smoke: $target: replaying regressions/$target"
        if ! "$bin_dir/$target" regressions/"$target"/* >"$scratch/$target-regressions.log" 2>&1; then
            tail -n 60 "$scratch/$target-regressions.log" >&2
            echo "fuzz-smoke: $target FAILED on a saved reproducer of fuzz/regressions/$target/" >&2
            exit 1
        fi
    fi
    echo "fuzz-smoke: $target: ${seconds}s over corpus/$target"
    mkdir -p "$scratch/$target"
    # -max_total_time bounds the fuzzing; the corpus is read and run first.
    log="$scratch/$target.log"
    if ! cargo fuzz run "$target" "$scratch/$target" "corpus/$target" -- \
        -dict=contact755.dict -max_len=65536 -max_total_time="$seconds" -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz-smoke: $target FAILED; the reproducer is under fuzz/artifacts/$target/" >&2
        exit 1
    fi
    grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec)' "$log" || true
done
echo "fuzz-smoke: all targets passed in $((SECONDS - start))s"
