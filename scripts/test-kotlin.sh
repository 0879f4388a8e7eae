#!/usr/bin/env bash
# The Kotlin binding (UniFFI) on the desktop JVM, from a fresh machine:
#   1. builds the host library and the in-workspace uniffi-bindgen (debug profile, see below);
#   2. regenerates the Kotlin and Swift bindings from that library (library mode) into a temp
#      dir and fails if bindings-mobile/generated/ differs (`--update` rewrites it instead);
#   3. writes the Rust audit example's JSON report on the sample month, for the byte-identity
#      test of auditJson;
#   4. runs Maven in bindings-mobile/kotlin: compiles the checked-in generated Kotlin and the
#      example, runs the JUnit tests against the host library, then runs the volunteer example;
#   5. the panic test (issue 5): builds the library once more with the cargo feature
#      `test-hooks` (which adds Policy.panicForTest) into target/kotlin-test/test-hooks/lib,
#      generates its Kotlin into target/kotlin-test/test-hooks/kotlin, checks that this differs
#      from the checked-in binding only by added hook lines, puts the library without the
#      feature back in target/debug, and runs Maven's profile `test-hooks` (PanicTest) against
#      the hook build. The freshness check of step 2 is on the library without the feature:
#      neither bindings-mobile/generated/ nor any shipped library has the hook.
#
# Why debug: scripts/test-all runs `cargo test --workspace` (dev profile) just before, so the
# core, its dependencies, UniFFI and the audit example are already built in debug; here only
# the generator (the crate's `bindgen` feature: clap, askama, goblin, ~1.5 min the first time
# on two cores, then cached) and this small crate are compiled on top. A release build would
# compile the core, serde, chrono and UniFFI once more with optimisation, for tests whose
# speed does not matter.
#
# Usage: bash scripts/test-kotlin.sh [--update]
# Needs: cargo, a JDK 17+ and Maven 3.8+; Maven downloads Kotlin, JNA and JUnit itself.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

update=0
case "${1:-}" in
  --update) update=1 ;;
  "") ;;
  *) echo "usage: bash scripts/test-kotlin.sh [--update]" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust (rustup, stable)"
command -v java >/dev/null || die "java not found: install a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null || die "mvn not found: install Maven 3.8+ (apt-get install maven)"

step "host library and uniffi-bindgen (cargo build -p contact755-mobile --features bindgen, debug)"
started=$(date +%s)
cargo build --quiet -p contact755-mobile --features bindgen
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
[ -n "$target_dir" ] || die "could not read the target directory from cargo metadata"
case "$(uname -s)" in
  Darwin) lib_file=libcontact755_mobile.dylib ;;
  *) lib_file=libcontact755_mobile.so ;;
esac
lib_dir="$target_dir/debug"
lib="$lib_dir/$lib_file"
bindgen="$lib_dir/uniffi-bindgen"
[ -f "$lib" ] || die "$lib was not built"
echo "built $lib in $(( $(date +%s) - started ))s"

step "regenerate the bindings (library mode) and compare with bindings-mobile/generated/"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in kotlin swift; do
  "$bindgen" generate --library "$lib" --language "$lang" --out-dir "$tmp/$lang" --no-format >"$tmp/bindgen-$lang.log" 2>&1 \
    || { cat "$tmp/bindgen-$lang.log" >&2; die "uniffi-bindgen failed for $lang"; }
done
[ -s "$tmp/kotlin/org/contact755/contact755.kt" ] \
  || die "uniffi-bindgen produced no Kotlin (is the library stripped of its symbols?)"
if [ "$update" = 1 ]; then
  rm -rf bindings-mobile/generated
  mkdir -p bindings-mobile/generated
  cp -R "$tmp/kotlin" "$tmp/swift" bindings-mobile/generated/
  echo "bindings-mobile/generated/ rewritten"
elif ! diff -r -q bindings-mobile/generated/kotlin "$tmp/kotlin" >/dev/null 2>&1 \
  || ! diff -r -q bindings-mobile/generated/swift "$tmp/swift" >/dev/null 2>&1; then
  echo "The checked-in bindings differ from what the library generates now:" >&2
  diff -ru bindings-mobile/generated "$tmp" --exclude='bindgen-*.log' | head -n 60 >&2 || true
  die "bindings-mobile/generated/ is stale: run 'bash scripts/test-kotlin.sh --update' and commit the result"
else
  echo "bindings-mobile/generated/{kotlin,swift} are fresh"
fi

step "the generated Swift calls with try! only UniFFI's handle and buffer functions and the error's Display"
# Swift calls a Rust function that returns no Result with `try! rustCall(...)`: a panic in it
# would stop the app instead of being thrown as UniffiInternalError.rustPanic (issue 5). Every
# exported function therefore returns Result (bindings-mobile/src/lib.rs). What may remain is
# what UniFFI generates itself and Swift cannot declare `throws`: the RustBuffer copy and free,
# the clone and free of object handles, and the error's Display (`description`, a property).
swift_file="$tmp/swift/Contact755.swift"
# For each line with `try!`, the FFI symbol it calls (on that line or the next four).
awk '{ l[NR] = $0 }
  END {
    for (n = 1; n <= NR; n++) if (index(l[n], "try!")) {
      s = "?"
      for (k = n; k <= n + 4 && k <= NR; k++)
        if (match(l[k], /(uniffi|ffi)_contact755_mobile_[A-Za-z0-9_]+/)) { s = substr(l[k], RSTART, RLENGTH); break }
      print n ": " s
    }
  }' "$swift_file" >"$tmp/swift-try.txt"
allowed='^[0-9]+: (ffi_contact755_mobile_rustbuffer_(from_bytes|free)|uniffi_contact755_mobile_fn_(clone|free)_[a-z0-9_]+|uniffi_contact755_mobile_fn_method_contact755error_uniffi_trait_display)$'
if grep -E -v -q "$allowed" "$tmp/swift-try.txt"; then
  grep -E -v "$allowed" "$tmp/swift-try.txt" | sed 's/^/  Contact755.swift:/' >&2
  die "the generated Swift calls the functions above with try!, so a panic in them would crash a Swift app: make them return Result<_, Contact755Error> (or, for a UniFFI-generated function that cannot throw, review it and extend the list in scripts/test-kotlin.sh)"
fi
echo "$(wc -l <"$tmp/swift-try.txt") lines with try! in the generated Swift, all UniFFI's own:"
sed 's/^/  Contact755.swift:/' "$tmp/swift-try.txt"

step "reference report: cargo run --example audit -- --json examples/data/sample-month.json"
report_dir="$target_dir/kotlin-test"
sample_report="$report_dir/sample-month.report.json"
mkdir -p "$report_dir"
rm -f "$sample_report"
if [ -f examples/data/sample-month.json ]; then
  cargo run --quiet -p contact755 --example audit -- --json examples/data/sample-month.json >"$sample_report.tmp"
  mv "$sample_report.tmp" "$sample_report"
  echo "wrote $sample_report"
else
  echo "NOTICE: examples/data/sample-month.json not found; the byte-identity test will be skipped"
fi

step "Maven: compile the generated Kotlin and the example, run the JUnit tests, run the example"
# -ntp hides download progress; Surefire's per-class lines and summary stay visible.
mvn -B -ntp -Dstyle.color=never -f bindings-mobile/kotlin/pom.xml \
  -DrepoDir="$root" \
  -DlibDir="$lib_dir" \
  -DsampleReport="$sample_report" \
  test exec:java@volunteer-check

step "panic test: library with the test hooks (cargo feature test-hooks), Maven profile test-hooks"
hooks_dir="$target_dir/kotlin-test/test-hooks"
rm -rf "$hooks_dir"
mkdir -p "$hooks_dir/lib"
# Same features as step 1 plus test-hooks, so that only this crate is recompiled.
cargo build --quiet -p contact755-mobile --lib --features bindgen,test-hooks
cp "$lib" "$hooks_dir/lib/"
# Put the library without the hook back (cargo keeps both builds; this only re-links the copy).
cargo build --quiet -p contact755-mobile --lib --features bindgen
cmp -s "$lib" "$hooks_dir/lib/$lib_file" && die "target/debug still holds the library with the test hooks"
"$bindgen" generate --library "$hooks_dir/lib/$lib_file" --language kotlin --out-dir "$hooks_dir/kotlin" --no-format \
  >"$tmp/bindgen-hooks.log" 2>&1 || { cat "$tmp/bindgen-hooks.log" >&2; die "uniffi-bindgen failed for the test-hooks library"; }
# The Kotlin the panic test compiles must be the checked-in binding plus the hook and nothing
# else: the diff may only add lines, and every function it adds must be the hook's.
hook_kt="$hooks_dir/kotlin/org/contact755/contact755.kt"
diff bindings-mobile/generated/kotlin/org/contact755/contact755.kt "$hook_kt" >"$tmp/hooks.diff" || true
[ -s "$tmp/hooks.diff" ] || die "the test-hooks build generated no hook (is the feature wired up?)"
if grep -q '^<' "$tmp/hooks.diff" || grep '^>' "$tmp/hooks.diff" | grep 'fun ' | grep -v -q -i 'panic_\?for_\?test'; then
  cat "$tmp/hooks.diff" >&2
  die "the Kotlin generated with the test hooks differs from the checked-in binding by more than the hook"
fi
echo "the test-hooks binding is the checked-in one plus $(grep -c '^>' "$tmp/hooks.diff") added lines of the hook"
mvn -B -ntp -Dstyle.color=never -f bindings-mobile/kotlin/pom.xml -Ptest-hooks \
  -DrepoDir="$root" \
  -DlibDir="$hooks_dir/lib" \
  -DbindingDir="$hooks_dir/kotlin" \
  test
