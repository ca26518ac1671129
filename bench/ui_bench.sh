#!/usr/bin/env bash
# The window's performance targets (docs/performance.md, "The window"), under Xvfb with
# software OpenGL at 1280x800. Not a test: figures depend on the machine and its load.
#   bench/ui_bench.sh [BUILD_DIR]          (UI_BENCH_ONLY=seats: only part 4)
# 1. UI build time per frame (NewFrame..Render, CPU) with every team panel open, and with the
#    debrief's charts open at the end of an exercise: p50/p99.
# 2. Idle CPU on the start screen and while paused: % of one core over 10 s, from /proc,
#    measured from 10 s after start (once the start's notices have left the screen).
# 3. Process start to first frame shown: median of 10.
# 4. With 30 browser seats served (the 30-actor scenario of bench/seats_bench), the projector's
#    screen and the facilitator's panel: UI build time and the table thread's CPU in the seats'
#    drains per frame, with nobody connected and with 30 scripted browsers sending 10 commands a
#    second between them (needs BUILD_DIR/bench/seats_bench).
set -euo pipefail
build=${1:-build}
root="$(cd "$(dirname "$0")/.." && pwd)"
demarche="$(cd "$build" && pwd)/demarche"
seats_bench="$(cd "$build" && pwd)/bench/seats_bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
xvfb() { xvfb-run -a -s "-screen 0 1280x800x24" "$@"; }
hz=$(getconf CLK_TCK)

if [ "${UI_BENCH_ONLY:-}" != seats ]; then
echo "== UI build time per frame, every panel open (600 frames)"
xvfb "$demarche" play --all-panels --ui-script "$root/bench/ui/all-panels.uiscript" --save-dir saves \
  --frame-times frames.txt 2>/dev/null
tail -n +10 frames.txt | sort -g | awk '{a[NR]=$1} END {printf "frames %d  p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", NR, a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}'

echo "== UI build time per frame, the debrief's charts open (600 frames)"
xvfb "$demarche" play --ui-script "$root/bench/ui/debrief.uiscript" --save-dir saves --frame-times debrief.txt 2>/dev/null
tail -n +80 debrief.txt | sort -g | awk '{a[NR]=$1} END {printf "frames %d  p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", NR, a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}'

idle() {  # idle SCRIPT LABEL
  xvfb "$demarche" play --ui-script "$1" --save-dir saves 2>/dev/null &
  local runner=$!
  sleep 10  # past the start's notices (they leave the screen after 8 s, one redraw)
  local pid
  pid=$(pgrep -n -f "demarche play --ui-script $1" || true)
  [ -n "$pid" ] || { echo "$2: the window did not start"; return; }
  local t0 t1
  t0=$(awk '{print $14+$15}' /proc/"$pid"/stat)
  sleep 10
  t1=$(awk '{print $14+$15}' /proc/"$pid"/stat)
  awk -v a="$t0" -v b="$t1" -v hz="$hz" -v l="$2" 'BEGIN {printf "%s: %.2f %% of a core over 10 s\n", l, 100*(b-a)/hz/10}'
  wait "$runner" || true
}
echo "== idle CPU"
idle "$root/bench/ui/idle-start.uiscript" "start screen"
idle "$root/bench/ui/idle-paused.uiscript" "paused in deliberation"

echo "== process start to first frame (10 runs)"
for i in $(seq 10); do
  DEMARCHE_REPORT_FIRST_FRAME=1 xvfb "$demarche" play --frames 2 2>&1 | sed -n 's/^first frame after \([0-9.]*\) ms$/\1/p'
done | sort -g | awk '{a[NR]=$1} END {printf "median %.0f ms  (min %.0f, max %.0f)\n", (a[5]+a[6])/2, a[1], a[NR]}'
fi

if [ -x "$seats_bench" ]; then
  "$seats_bench" --write-scenario seats30.yaml 30
  teams=$(seq -s, -f 'a%g' 0 29)
  seats() {  # seats LABEL CLIENTS(0|1)
    rm -f out.txt
    xvfb "$demarche" play seats30.yaml --seats "$teams" --serve 127.0.0.1:0 --ui-script "$root/bench/ui/seats.uiscript" \
      --save-dir saves --frame-times seats.txt >out.txt 2>/dev/null &
    local runner=$!
    for _ in $(seq 100); do [ "$(grep -c '^seat ' out.txt 2>/dev/null)" = 30 ] && break; sleep 0.1; done
    local port
    port=$(sed -n 's|^team seats in browsers: http://127.0.0.1:\([0-9]*\)/.*|\1|p' out.txt)
    if [ "$2" = 1 ]; then "$seats_bench" --clients-only "$port" out.txt 25 10 >/dev/null & fi
    wait "$runner" || true
    wait || true
    tail -n +10 seats.txt | sort -g | awk -v l="$1" '{a[NR]=$1} END {printf "%s: frames %d  UI build p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", l, NR, a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}'
    tail -n +10 seats.txt | awk '{print $2}' | sort -g | awk -v l="$1" '{a[NR]=$1} END {printf "%s: seats drain per frame (table thread CPU) p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", l, a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}'
  }
  echo "== 30 browser seats served: the projector's screen and the facilitator's panel (600 frames)"
  seats "nobody connected" 0
  seats "30 browsers, 10 commands a second" 1
fi
