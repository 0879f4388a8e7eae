#!/usr/bin/env bash
# The Python package `contact755` (bindings-python/), from a fresh machine with Rust and
# Python 3.9+: creates or reuses the virtualenv .venv at the repository root, builds the abi3
# wheel with maturin (its own target dir, target/python, so it never fights cargo's build),
# installs it, then runs everything against the installed wheel from a folder outside the
# source tree:
#   1. pytest bindings-python/tests (API, bad input, threads and the GIL, panic safety, every
#      conformance vector, Report.to_json() byte-identical to the Rust example's --json, the
#      example);
#   2. mypy.stubtest: the stubs and annotations match the runtime module;
#   3. python -m contact755.conformance over ../shared/conformance and tests/conformance;
#   4. examples/python/monthly_report.py on the sample month, as a smoke test.
# Idempotent; runnable from any folder. PYTHON=python3.x picks the interpreter for the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

step() { printf '\n--> %s\n' "$*"; }
now() { date +%s; }
started=$(now)

venv="$repo/.venv"
py="$venv/bin/python"
if ! "$py" -c 'import sys; assert sys.version_info >= (3, 9)' >/dev/null 2>&1; then
  step "creating the virtualenv .venv"
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv"
fi

step "tools in .venv (maturin, pytest, mypy; openpyxl to read the XLSX back)"
"$py" -m pip install --quiet --disable-pip-version-check \
  "maturin>=1.9,<2" "pytest>=8,<10" "mypy>=1.10,<2" "openpyxl>=3.1,<4"

# The test wheel has the cargo feature `test-hooks`: a private native function that panics on
# purpose, for the panic-safety tests (tests/test_panic.py). Distributed wheels (pip install,
# a plain `maturin build`) are built without it.
step "building the test wheel (maturin, release, abi3, feature test-hooks)"
build_started=$(now)
wheels="$repo/target/python/wheels"
rm -f "$wheels"/contact755-*.whl
"$venv/bin/maturin" build --release --quiet \
  -m bindings-python/Cargo.toml \
  --features test-hooks \
  --interpreter "$py" \
  --target-dir target/python \
  -o "$wheels"
build_seconds=$(( $(now) - build_started ))
wheel=$(ls "$wheels"/contact755-*.whl)
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel"
echo "installed $(basename "$wheel") (built in ${build_seconds}s)"

step "the Rust example's --json report of the sample, for the byte-for-byte comparison"
export CONTACT755_RUST_REPORT="$repo/target/python/sample-report.json"
cargo run --quiet --release --example audit -- --json >"$CONTACT755_RUST_REPORT"

# Run from outside the source tree, so that `import contact755` finds the installed wheel
# (bindings-python/tests/test_installed.py checks it).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

step "pytest against the installed wheel"
tests_started=$(now)
"$py" -m pytest -p no:cacheprovider -q "$repo/bindings-python/tests"

step "mypy.stubtest: stubs and annotations match the module"
if "$py" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  "$py" -m mypy.stubtest contact755 --allowlist "$repo/bindings-python/stubtest-allowlist.txt"
else
  # On 3.9, stubtest reports every `typing` name a module imports as "not a type".
  echo "NOTICE: stubtest needs Python 3.10+ for a clean run; skipped on $("$py" -V)"
fi

step "conformance vectors through python -m contact755.conformance"
vector_paths=()
if [ -d "$repo/../shared/conformance" ]; then
  vector_paths+=("$repo/../shared/conformance")
else
  echo "NOTICE: ../shared/conformance not found beside this checkout; shared vectors skipped"
fi
if [ -n "$(find "$repo/tests/conformance" -name '*.json' -print -quit 2>/dev/null)" ]; then
  vector_paths+=("$repo/tests/conformance")
else
  echo "NOTICE: tests/conformance holds no vector yet; skipped"
fi
for v in "$repo"/../shared/conformance-next/{027,028,029,030,031,032,033}-*.json; do
  [ -f "$v" ] && vector_paths+=("$v")
done
if [ ${#vector_paths[@]} -gt 0 ]; then
  "$py" -m contact755.conformance "${vector_paths[@]}"
else
  echo "NOTICE: no conformance vector found anywhere; the runner was not run"
fi

step "example: examples/python/monthly_report.py on the sample month"
"$py" "$repo/examples/python/monthly_report.py" --out "$work/report"
for f in report.html report.xlsx findings.csv per_person.csv per_sergeant.csv; do
  test -s "$work/report/$f" || { echo "monthly_report.py did not write $f" >&2; exit 1; }
done
tests_seconds=$(( $(now) - tests_started ))

printf '\nPython package: wheel built in %ss, tests ran in %ss, %ss in all.\n' \
  "$build_seconds" "$tests_seconds" "$(( $(now) - started ))"
