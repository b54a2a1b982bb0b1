#!/usr/bin/env bash
# Threads under load: starts BUSY competing CPU burners (`yes > /dev/null`, killed by PID at the
# end), then runs the kernel with 1 and 2 threads interleaved, ROUNDS times: Brunel A 12 500 × 1.2 s,
# COBA 4000 × 10 s, COBA 64 000 × 1 s. Lines 'tag=… load1=… key=value…' go to bench/out/load.log.
# Goal (issue #12): with two busy competing processes, 2 threads never more than 1.1× slower than 1.
#   bench/load.sh [ROUNDS=3] [BUSY=2]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
rounds=${1:-3}; busy=${2:-2}
theory="dotnet src/Theory.Cli/bin/Release/net10.0/Theory.Cli.dll"
mkdir -p bench/out; log=bench/out/load.log
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT
for b in $(seq 1 "$busy"); do yes > /dev/null & pids+=($!); done
sleep 5
rec() { local tag=$1; shift; local l; l=$(cut -d' ' -f1 /proc/loadavg)
        echo "tag=$tag load1=$l busy=$busy $("$@" 2>/dev/null | tail -n1)" | tee -a "$log"; }
echo "# $(date -u +%FT%TZ) load.sh rounds=$rounds busy=$busy" >> "$log"
for r in $(seq 1 "$rounds"); do
  for k in 1 2; do rec "load${busy}_brunel_A_12500x1.2_t$k" $theory bench brunel --seed "$r" --reps 1 --threads "$k"; done
  for k in 1 2; do rec "load${busy}_coba_spec_4000x10_t$k" $theory bench coba --t 10 --seed "$r" --reps 1 --threads "$k"; done
  for k in 1 2; do rec "load${busy}_coba_spec_64000x1_t$k" $theory bench coba --n 64000 --t 1 --seed "$r" --reps 1 --threads "$k"; done
done
/usr/bin/python3 bench/summarize.py "$log"
