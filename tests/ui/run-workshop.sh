#!/usr/bin/env bash
# Plays tests/ui/workshop.uiscript in the window under Xvfb (software OpenGL), replays the
# session log it wrote and checks that the screenshots of the table, a hand-over and the
# facilitator's panel are not blank. Usage: run-workshop.sh DEMARCHE PNG_CHECK OUT_DIR
set -euo pipefail
demarche=$1 png_check=$2 out=$3
script="$(cd "$(dirname "$0")" && pwd)/workshop.uiscript"
rm -rf "$out" && mkdir -p "$out"
cd "$out"
xvfb-run -a -s "-screen 0 1280x800x24" "$demarche" play --ui-script "$script" --save-dir saves \
  --log workshop.dlog --screenshot final.png
"$demarche" replay workshop.dlog
"$png_check" start.png handover.png end.png debrief-outcome.png debrief-charts.png debrief-truth.png debrief-timeline.png debrief-whatif.png \
  --region 0,50,700,420 table.png negotiation.png facilitator.png room.png
