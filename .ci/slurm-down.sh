#!/usr/bin/env bash
# Stops the daemons .ci/slurm-up.sh started (by the pids in their pid files, nothing else) and
# removes its folder:  .ci/slurm-down.sh "$THEORY_SLURM_DIR"
set -uo pipefail
dir=${1:-}
case "$dir" in /tmp/theory-slurm.*) ;; *) echo "slurm-down: '$dir' is not a folder made by slurm-up.sh" >&2; exit 1 ;; esac
[ -d "$dir" ] || exit 0
for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
  [ -s "$f" ] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
rm -rf "$dir"
