#!/usr/bin/env bash
# Plays a UI script in the window under Xvfb (software OpenGL), replays the session log it wrote
# and checks that every screenshot it took is not blank; the screenshots its "# map-shown:"
# line names must show the situation map too.
#   run-ui-script.sh DEMARCHE PNG_CHECK OUT_DIR SCRIPT [PLAY_OPTIONS...]
set -euo pipefail
demarche=$1 png_check=$2 out=$3 script=$4
shift 4
script="$(cd "$(dirname "$script")" && pwd)/$(basename "$script")"
rm -rf "$out" && mkdir -p "$out"
cd "$out"
xvfb-run -a -s "-screen 0 1920x1080x24" "$demarche" play --ui-script "$script" --save-dir saves \
  --log session.dlog "$@"
"$demarche" replay session.dlog
map_shown=$(sed -n 's/^# map-shown: *//p' "$script")
others=()
for png in *.png; do
  case " $map_shown " in *" $png "*) ;; *) others+=("$png") ;; esac
done
"$png_check" "${others[@]}" ${map_shown:+--region 0,50,620,420 $map_shown}
