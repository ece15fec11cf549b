#!/usr/bin/env bash
# State-sized benchmark of `qdfh build` (see README, "Speed and memory").
#
# Makes a project with `qdfh examples --kommunen N` (default 400: 100
# clusters, two years) and measures on this machine: the full build (wall
# time, peak RSS, time per page, stage split), a rebuild without changes,
# one changed action plan, one changed survey, one changed template.
# Repeated steps give medians. Then it compiles the newest year's handouts
# with the typst CLI of the same version (installed with `cargo install`
# into the target folder when missing) and reports the paired ratio.
# Needs /usr/bin/time, pdfinfo (poppler-utils) and python3 with openpyxl
# (installed with pip when missing).
#
#   bench/state.sh [N] [REPEATS]
#   BENCH_CLI_ONLY=1 bench/state.sh [N] [REPEATS]   # only the typst CLI comparison
set -euo pipefail

N=${1:-400}
REPEATS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
QDFH="${CARGO_TARGET_DIR:-$ROOT/target}/release/qdfh"
python3 -c 'import openpyxl' 2>/dev/null || pip install --quiet openpyxl

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
P="$WORK/projekt"
"$QDFH" -q init "$P" >/dev/null
rm -rf "$P/inputs"
"$QDFH" -q examples --kommunen "$N" --out "$P/inputs"

# time_build LABEL [ARGS...]: one build, prints wall seconds and peak RSS.
time_build() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$QDFH" -C "$P" build -q "$@" 2>"$WORK/stderr" || true
  read -r wall rss <"$WORK/time"
  printf '%-28s %8s s  %6d MiB peak\n' "$label" "$wall" $((rss / 1024))
  echo "$wall" >>"$WORK/walls"
}

# median_build LABEL CHANGE [ARGS...]: runs CHANGE then a build, REPEATS times.
median_build() {
  local label=$1 change=$2; shift 2
  : >"$WORK/walls"
  for _ in $(seq "$REPEATS"); do
    eval "$change"
    time_build "$label" "$@" >/dev/null
  done
  printf '%-28s median %s s over %s runs\n' "$label" "$(sort -n "$WORK/walls" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$REPEATS"
}

# set_cell FILE SHEET CELL VALUE: edits one cell as a coordinator would.
set_cell() {
  python3 - "$@" <<'PY'
import sys, openpyxl
path, sheet, cell, value = sys.argv[1:5]
book = openpyxl.load_workbook(path)
book[sheet][cell] = value
book.save(path)
PY
}

echo "qdfh state benchmark: $N municipalities, $(nproc) cores, $(date -u +%F)"
if [ "${BENCH_CLI_ONLY:-0}" != 1 ]; then
  QDFH_STAGE_TIMES=1 time_build "full build"
  grep '^Zeiten' "$WORK/stderr" || true
  pages=0
  for pdf in "$P"/output/*/handouts/*.pdf; do
    pages=$((pages + $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')))
  done
  echo "handout pages: $pages ($(awk -v w="$(head -1 "$WORK/walls")" -v p="$pages" 'BEGIN {printf "%.1f", w * 1000 / p}') ms per page of the full build)"
  median_build "no change" ":"
  # The first workshop of one municipality (not a cluster's) and the first survey.
  first() { echo "$1"; }
  ACTION=$(first "$P"/inputs/2026/werkstatt-[!c]*.xlsx)
  COUNTER=0
  median_build "one action plan changed" 'COUNTER=$((COUNTER+1)); set_cell "$ACTION" "Maßnahmen" C2 "Geänderte Maßnahme $COUNTER"'
  SURVEY=$(first "$P"/inputs/2026/befragung-*.xlsx)
  median_build "one survey changed" 'COUNTER=$((COUNTER+1)); set_cell "$SURVEY" "Befragung" D2 "Rolle $COUNTER"'
  median_build "one answer changed" 'COUNTER=$((COUNTER+1)); set_cell "$SURVEY" "Befragung" E2 $((COUNTER % 6 + 1))'
  median_build "cluster template changed" 'echo "// $RANDOM" >>"$P/templates/cluster.typ"'
fi

# The same handouts with the typst CLI: one process per document, two at a
# time, from the very data qdfh gives typst (`build --daten`), against
# qdfh building exactly those handouts (`--force --only`). Runs alternate,
# so both see the same machine state; the ratio is taken per pair.
TYPST_VERSION=$(awk '/^name = "typst"$/ {getline; gsub(/"/, "", $3); print $3; exit}' "$ROOT/Cargo.lock")
TYPST_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/typst-cli-$TYPST_VERSION"
TYPST="$TYPST_DIR/bin/typst"
[ -x "$TYPST" ] || cargo install --quiet --locked typst-cli --version "=$TYPST_VERSION" --root "$TYPST_DIR"
YEAR=$(ls "$P/inputs" | grep -E '^[0-9]{4}$' | sort | tail -1)
"$QDFH" -C "$P" build -q --year "$YEAR" --daten "$WORK/daten" 2>/dev/null || true
JOBS="$WORK/cli"
ONLY=()
for json in "$WORK/daten/$YEAR/handouts/"*.json; do
  job="$JOBS/$(basename "$json" .json)"
  mkdir -p "$job"
  ln -s "$P"/templates/* "$job/"
  rm "$job/handout.typ" && cp "$P/templates/handout.typ" "$job/"  # the CLI wants its main file inside --root
  cp "$json" "$job/data.json"
  ONLY+=(--only "$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["municipality"]["id"])' "$json")")
done
cli_loop() {
  ls -d "$JOBS"/*/ | xargs -P 2 -I{} "$TYPST" compile --root {} --font-path "$P/templates/fonts" \
    --ignore-system-fonts --ignore-embedded-fonts --features a11y-extras --pdf-standard ua-1,a-2a \
    {}handout.typ {}out.pdf
}
: >"$WORK/ratios"
for _ in $(seq "$REPEATS"); do
  start=$(date +%s.%N); cli_loop; cli=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  start=$(date +%s.%N); "$QDFH" -C "$P" build -q --force --year "$YEAR" "${ONLY[@]}" 2>/dev/null || true
  ours=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  ratio=$(awk -v c="$cli" -v q="$ours" 'BEGIN {print c / q}')
  printf '%-28s typst CLI %6.1f s, qdfh %6.1f s, CLI/qdfh %.2f\n' "$((${#ONLY[@]} / 2)) handouts $YEAR" "$cli" "$ours" "$ratio"
  echo "$ratio" >>"$WORK/ratios"
done
printf '%-28s median CLI/qdfh %.2f over %s pairs (typst-cli %s)\n' "CLI comparison" \
  "$(sort -n "$WORK/ratios" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$REPEATS" "$TYPST_VERSION"
