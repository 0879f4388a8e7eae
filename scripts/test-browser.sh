#!/usr/bin/env bash
# The HTML report in a real browser (SPEC §8, issue "Reports people read"): installs Debian's
# chromium when it is missing, renders the sample month's page headless, and checks
#   1. the screenshot: a PNG of the window's size;
#   2. the DOM chromium built (--dump-dom): the station summary, both SVG charts, and one row of
#      the persons' table per person of the report.
# `--update-screenshot` also copies the screenshot to docs/report-screenshot.png (the README
# shows it). Runnable from any folder; needs cargo, python3 and (for the install) apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
step() { printf '\n--> %s\n' "$*"; }

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Debian's chromium (apt-get)"
  command -v apt-get >/dev/null || { echo "error: chromium is missing and apt-get is not available" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
chromium --version

work="$repo/target/browser"
rm -rf "$work" && mkdir -p "$work"
step "the sample month's report as HTML and JSON (cargo run --example audit)"
cargo run --quiet --release --example audit -- --format html --output "$work/report.html"
cargo run --quiet --release --example audit -- --format json --output "$work/report.json"

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --disable-quic --hide-scrollbars "--user-data-dir=$work/profile")
width=1280
height=2400
step "chromium --screenshot (${width}x${height}) and --dump-dom"
chromium "${flags[@]}" "--window-size=$width,$height" "--screenshot=$work/report.png" "file://$work/report.html" \
  >"$work/screenshot.log" 2>&1 || { cat "$work/screenshot.log" >&2; exit 1; }
chromium "${flags[@]}" --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/dom.log" \
  || { cat "$work/dom.log" >&2; exit 1; }

python3 - "$work" "$width" "$height" <<'PY'
import json, struct, sys
from html.parser import HTMLParser
work, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
png = open(f"{work}/report.png", "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", png[16:24])
assert (w, h) == (width, height), f"screenshot is {w}x{h}, expected {width}x{height}"

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.stack, self.person_rows, self.svgs = {}, [], 0, []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a.get("id")))
        if "id" in a:
            self.ids[a["id"]] = tag
        if tag == "svg":
            self.svgs.append(a.get("id"))
        if tag == "tr" and any(i == "personnel" for _, i in self.stack) and any(t == "tbody" for t, _ in self.stack):
            self.person_rows += 1
    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

dom = Dom()
dom.feed(open(f"{work}/dom.html", encoding="utf-8").read())
report = json.load(open(f"{work}/report.json", encoding="utf-8"))
for ident in ("summary", "chart-weekly", "chart-rules", "personnel"):
    assert ident in dom.ids, f"the DOM has no element with id {ident}"
assert "chart-weekly" in dom.svgs and "chart-rules" in dom.svgs, dom.svgs
people = len(report["summary"]["personnel"])
assert dom.person_rows == people, f"{dom.person_rows} rows in #personnel, {people} persons in the report"
print(f"screenshot {w}x{h} ({len(png)} bytes); DOM: summary, both SVG charts, {people} person rows")
PY

if [ "${1:-}" = "--update-screenshot" ]; then
  cp "$work/report.png" docs/report-screenshot.png
  echo "docs/report-screenshot.png updated"
fi
