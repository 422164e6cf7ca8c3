#!/usr/bin/env bash
# scripts/demo sets up and builds the app alone: every command its build step would run from
# scratch (ninja -t commands, nothing is built) makes no test or benchmark, and does make the
# app, its guardian and its web view. The full build's commands must show tests, or this check
# could not see one. Usage: check_demo_build.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 bin=$2
fail() {
  echo "check_demo_build: $*" >&2
  exit 1
}
grep -qx '\./scripts/setup --app' "$src/scripts/demo" || fail "scripts/demo does not run scripts/setup --app"
grep -qx '\./scripts/build --app' "$src/scripts/demo" || fail "scripts/demo does not run scripts/build --app"

# A test or benchmark: its sources (SOURCE_DIR/tests/), its objects (tests/ in the build
# folder) or its executables (bin/tst_*, bin/bench_*).
tests_in() { sed -e "s|$bin/||g" -e "s|$src/|SRC/|g" | grep -E '(SRC/|^|[ =])tests/|(^|[ /])bin/(tst_|bench_)' || true; }
all=$(FPERF_BUILD_DIR=$bin "$src/scripts/build" --list)
app=$(FPERF_BUILD_DIR=$bin "$src/scripts/build" --app --list)
[ -n "$(tests_in <<<"$all")" ] || fail "no test seen in the full build's commands: the check is broken"
leak=$(tests_in <<<"$app")
[ -z "$leak" ] || fail "the demo's build makes tests or benchmarks:
$(head -n 5 <<<"$leak" | cut -c1-300)"
for want in 'bin/filare-perf( |$)' 'bin/filare-perf-guardian( |$)' 'libfilare-perf-webview\.so( |$)'; do
  grep -qE -- "-o ([^ ]*/)?$want" <<<"$app" || fail "the demo's build does not link ${want%%(*}"
done
echo "check_demo_build: the demo's build runs $(wc -l <<<"$app") commands, none for a test or" \
  "benchmark (the full build: $(wc -l <<<"$all"))"
