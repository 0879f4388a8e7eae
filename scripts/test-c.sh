#!/usr/bin/env bash
# The C ABI (bindings-c/, library libcontact755), from a fresh machine with Rust and a C
# compiler:
#   1. Rust tests of the crate: unit tests calling the exported functions, and the header
#      freshness test (include/contact755.h is what cbindgen makes of the crate today);
#   2. builds the library (release, with the test hook `c755_test_panic`), the audit example
#      and the entry_cases helper; writes the expected report (`audit --json` on the sample
#      month) and the real-time cases (the core's typed check_entry);
#   3. the C test program with AddressSanitizer + UndefinedBehaviorSanitizer, against the
#      shared library: every conformance vector (JSON datasets and CSV tables) through the ABI
#      and the core's judge, the sample month byte for byte (as JSON, as canonical CSV tables
#      read from disk, as the CAD export with its mapping), 4 threads sharing one policy (and
#      one mapping), check_entry against the core, NULLs and bad lengths everywhere;
#   4. the README's C examples: the JSON one on the sample month and on a rejected dataset,
#      the tables one on the CAD export with its mapping;
#   5. the same program without sanitizers, linked against the static library, under
#      valgrind --leak-check=full (any leak or error fails);
#   6. the header alone compiled as C89, C99 (-pedantic) and C++17.
# Idempotent; runnable from any folder. Exits non-zero on any failure.
# CC and CXX pick the compilers (default cc, c++). CONTACT755_SHARED names the shared folder
# (default: ../shared beside the checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

step() { printf '\n--> %s\n' "$*"; }
# Prints a command (on standard error, so that a command's redirected output stays clean), then
# runs it.
run() {
  printf '+ %s\n' "$*" >&2
  "$@"
}
started=$(date +%s)
cc=${CC:-cc}
cxx=${CXX:-c++}
shared=${CONTACT755_SHARED:-$repo/../shared}
work="$repo/target/c-tests"
mkdir -p "$work"

step "tools"
for tool in cargo "$cc" "$cxx"; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found"; exit 1; }
done
if ! command -v valgrind >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    run apt-get install -y -q valgrind >/dev/null || { run apt-get update -q >/dev/null && run apt-get install -y -q valgrind >/dev/null; }
  fi
  command -v valgrind >/dev/null || { echo "error: valgrind is missing and could not be installed (apt-get install valgrind)"; exit 1; }
fi
"$cc" --version | head -1
valgrind --version

step "Rust tests of contact755-c (unit tests of the exported functions; header freshness)"
run cargo test -p contact755-c

step "building libcontact755 (release, test hook on), the audit example and the entry_cases helper"
# One feature set for everything built from contact755-c, so the two commands share one build.
run cargo build --release -p contact755-c --features test-hooks --lib --example entry_cases
run cargo build --release -p contact755 --example audit
lib="$repo/target/release"
for f in libcontact755.so libcontact755.a; do
  [ -f "$lib/$f" ] || { echo "error: $lib/$f was not built"; exit 1; }
done

step "expected outputs, from the Rust side"
sample="$repo/examples/data/sample-month.json"
run "$lib/examples/audit" --json "$sample" >"$work/expected-report.json"
run "$lib/examples/entry_cases" "$sample" >"$work/entry-cases.txt"
printf 'expected report: %s bytes; real-time cases: %s\n' \
  "$(wc -c <"$work/expected-report.json")" "$(( $(wc -l <"$work/entry-cases.txt") / 3 ))"

# The vectors: the public ones, the project's own (JSON datasets and, under tables/, CSV
# tables), and the public vectors of conformance-next for the sections the C ABI has built
# (027-030: section 6; 031-033: section 7).
vectors=()
if [ -d "$shared/conformance" ]; then
  while IFS= read -r f; do vectors+=("$f"); done < <(find "$shared/conformance" -name '*.json' | sort)
  for n in 027 028 029 030 031 032 033; do
    for f in "$shared/conformance-next/$n"-*.json; do
      [ -f "$f" ] && vectors+=("$f")
    done
  done
else
  echo "NOTICE: $shared/conformance not found beside this checkout; shared vectors skipped"
fi
while IFS= read -r f; do vectors+=("$f"); done < <(find "$repo/tests/conformance" -name '*.json' | sort)
echo "${#vectors[@]} conformance vectors"
csv_dir="$repo/examples/data/sample-month-csv"
cad_dir="$repo/examples/data/cad-export"
args=("$sample" "$work/expected-report.json" "$work/entry-cases.txt" "$csv_dir" "$cad_dir" "${vectors[@]}")

cflags=(-std=c11 -Wall -Wextra -Werror -g -DC755_TEST_HOOKS -I "$repo/bindings-c/include")
program="$repo/bindings-c/tests/c/test_contact755.c"
# The test hook panics on purpose; its message on standard error is expected, its backtrace
# is noise.
export RUST_BACKTRACE=0

step "C test program with AddressSanitizer and UndefinedBehaviorSanitizer (shared library)"
run "$cc" "${cflags[@]}" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  "$program" -L "$lib" -lcontact755 -Wl,-rpath,"$lib" -pthread -o "$work/test_contact755_asan"
printf '+ %s\n' "$work/test_contact755_asan SAMPLE EXPECTED CASES SAMPLE_CSV CAD_EXPORT <${#vectors[@]} vectors>" >&2
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$work/test_contact755_asan" "${args[@]}"

step "the README's C example (sanitizers): the sample month's report, then a rejection"
run "$cc" -std=c11 -Wall -Wextra -Werror -g -fsanitize=address,undefined -fno-sanitize-recover=all \
  -I "$repo/bindings-c/include" "$repo/bindings-c/tests/c/readme_example.c" -L "$lib" -lcontact755 \
  -Wl,-rpath,"$lib" -o "$work/readme_example"
run "$work/readme_example" "$sample" >"$work/readme-report.json"
run cmp "$work/readme-report.json" "$work/expected-report.json"
echo "the example's report has the bytes of audit --json"
printf '{"period": {"start": "2016-03-14", "end": "2016-03-20"}, "personnel": [], "worksheets": [{}]}' \
  >"$work/rejected-dataset.json"
status=0
run "$work/readme_example" "$work/rejected-dataset.json" 2>"$work/readme-rejection.txt" || status=$?
cat "$work/readme-rejection.txt"
[ "$status" = 1 ] && grep -q '^rejected (missing_field) at "worksheets\[0\]": ' "$work/readme-rejection.txt" || {
  echo "error: the example did not report the rejection (exit $status)"
  exit 1
}

step "the README's C example for tables (sanitizers): the CAD export through its mapping, then a bad mapping"
run "$cc" -std=c11 -Wall -Wextra -Werror -g -fsanitize=address,undefined -fno-sanitize-recover=all \
  -I "$repo/bindings-c/include" "$repo/bindings-c/tests/c/readme_tables_example.c" -L "$lib" -lcontact755 \
  -Wl,-rpath,"$lib" -o "$work/readme_tables_example"
cad_files=()
while IFS= read -r f; do cad_files+=("$f"); done < <(find "$cad_dir" -maxdepth 1 -name '*.CSV' | sort)
[ "${#cad_files[@]}" = 5 ] || { echo "error: expected the 5 files of the CAD export in $cad_dir"; exit 1; }
run "$work/readme_tables_example" 2016-03 "$cad_dir/mapping.toml" "${cad_files[@]}" >"$work/readme-tables-report.json"
run cmp "$work/readme-tables-report.json" "$work/expected-report.json"
echo "the tables example's report on the CAD export has the bytes of audit --json on the JSON month"
sed 's|^time_zone = "America/Los_Angeles"|time_zone = "America/Norwalk"|' "$cad_dir/mapping.toml" >"$work/bad-mapping.toml"
status=0
run "$work/readme_tables_example" 2016-03 "$work/bad-mapping.toml" "${cad_files[@]}" 2>"$work/readme-tables-rejection.txt" || status=$?
cat "$work/readme-tables-rejection.txt"
[ "$status" = 1 ] && grep -q '^rejected (mapping_invalid_value) at "worksheets.timestamps.time_zone": ' "$work/readme-tables-rejection.txt" || {
  echo "error: the tables example did not report the bad mapping (exit $status)"
  exit 1
}

step "C test program under valgrind (no sanitizers; static library)"
# What a Rust staticlib needs on Linux with glibc (`cargo rustc --release -p contact755-c --lib
# --crate-type staticlib -- --print native-static-libs` prints the list for a target).
native_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
# shellcheck disable=SC2086 # the list is words
run "$cc" "${cflags[@]}" -O1 "$program" "$lib/libcontact755.a" $native_libs -pthread -o "$work/test_contact755_static"
printf '+ %s\n' "valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 $work/test_contact755_static SAMPLE EXPECTED CASES SAMPLE_CSV CAD_EXPORT <${#vectors[@]} vectors>" >&2
# Any error, and any leak that is definite, indirect or possible, makes valgrind exit 1.
status=0
valgrind --log-file="$work/valgrind.log" --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
  "$work/test_contact755_static" "${args[@]}" || status=$?
grep -E 'in use at exit|total heap usage|All heap blocks|definitely lost|indirectly lost|possibly lost|ERROR SUMMARY' \
  "$work/valgrind.log" | sed 's/^==[0-9]*== */valgrind: /'
if [ "$status" != 0 ]; then
  cat "$work/valgrind.log"
  echo "error: the C test program failed under valgrind (exit $status; log: $work/valgrind.log)"
  exit 1
fi

step "the header alone as C89, C99 and C++17"
check="$repo/bindings-c/tests/c/header_check.c"
inc=(-I "$repo/bindings-c/include")
run "$cc" -std=c89 -pedantic -Wall -Wextra -Werror "${inc[@]}" -fsyntax-only "$check"
run "$cc" -std=c99 -pedantic -Wall -Wextra -Werror "${inc[@]}" -fsyntax-only "$check"
run "$cxx" -std=c++17 -Wall -Wextra -Werror "${inc[@]}" -x c++ -fsyntax-only "$check"

printf '\nC ABI: all tests passed in %ss.\n' "$(( $(date +%s) - started ))"
