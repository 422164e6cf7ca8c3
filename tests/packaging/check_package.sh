#!/usr/bin/env bash
# Validates the desktop file and AppStream data, builds the .deb, extracts it and runs the
# installed binary. Usage: check_package.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

desktop-file-validate "$src/packaging/org.filare.FilarePerf.desktop"
appstreamcli validate --no-net "$src/packaging/org.filare.FilarePerf.metainfo.xml"

(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/filare-perf_*.deb)
echo "package: $(basename "$deb")"
dpkg-deb --info "$deb" | grep -E "Depends|Recommends"
dpkg-deb --field "$deb" Depends | grep -q "libqt6webenginewidgets6" ||
  { echo "Depends lacks the Qt WebEngine runtime"; exit 1; }
dpkg-deb --field "$deb" Depends | grep -q "graphviz" || { echo "Depends lacks graphviz"; exit 1; }
dpkg-deb --field "$deb" Recommends | grep -q "python3-venv" || { echo "no python3-venv"; exit 1; }

dpkg-deb -x "$deb" "$work/root"
for f in usr/bin/filare-perf usr/bin/filare-perf-guardian usr/lib/filare-perf/libfilare-perf-webview.so \
         usr/share/applications/org.filare.FilarePerf.desktop \
         usr/share/metainfo/org.filare.FilarePerf.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/org.filare.FilarePerf.svg \
         usr/share/man/man1/filare-perf.1 \
         usr/share/filare-perf/web-assets/vega@5.21.0/build/vega.min.js \
         usr/share/filare-perf/web-assets/vega-lite@5.2.0/build/vega-lite.min.js \
         usr/share/filare-perf/web-assets/vega-embed@6.20.0/build/vega-embed.min.js \
         usr/share/filare-perf/web-assets/vega@5.21.0/LICENSE \
         usr/share/filare-perf/web-assets/bootstrap@5.1.3/dist/css/bootstrap.min.css \
         usr/share/filare-perf/web-assets/bootstrap@5.1.3/dist/js/bootstrap.bundle.min.js \
         usr/share/filare-perf/web-assets/jquery@3.6.0/dist/jquery.slim.min.js; do
  [ -e "$work/root/$f" ] || { echo "missing in the package: $f"; exit 1; }
done

"$work/root/usr/bin/filare-perf" --version
# The check must run and print its table; without tools it explains how to get them (exit 3).
status=0
"$work/root/usr/bin/filare-perf" check > "$work/check.txt" || status=$?
cat "$work/check.txt"
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { echo "check exited $status"; exit 1; }
grep -q "Interpreter" "$work/check.txt"
# With an interpreter that has nothing, it says how to create a venv.
status=0
"$work/root/usr/bin/filare-perf" check --python /usr/bin/python3 > "$work/none.txt" || status=$?
[ "$status" -eq 3 ] && grep -q "python3 -m venv" "$work/none.txt" ||
  { cat "$work/none.txt"; echo "no venv advice"; exit 1; }
# That Python has Debian's Scalene 1.5.16: the installed binary finds the chart libraries its
# HTML reports need next to itself.
grep -q "1.5.x: supported; its HTML reports load the chart libraries installed in $work/root/usr/share/filare-perf/web-assets" "$work/none.txt" ||
  { cat "$work/none.txt"; echo "the installed binary does not find its web assets"; exit 1; }
echo "packaging: all checks passed"
