#!/usr/bin/env bash
# Size scaling, 1 and 2 threads: spec COBA N = 4 000 … 256 000 (80 inputs per neuron) and Brunel
# model A N = 12 500 … 200 000 (N_E = 4N/5, fixed in-degree C_E = 1000, C_I = 250), kernel and
# Brian2 cpp_standalone (1 and 2 OpenMP threads, bench/brian2_peer.py) for the sizes in B2_COBA and
# B2_BRUNEL. Durations shrink with N (each run a few minutes at most); compare s_per_sim_s
# (loop wall seconds per simulated second). Lines go to bench/out/scaling.log.
#   bench/scaling.sh [kernel|brian2|all=all]
#   env: COBA="4000:10 16000:5 64000:2 256000:1" BRUNEL="12500:1.2 25000:0.6 50000:0.3 100000:0.2 200000:0.1"
#        B2_COBA="4000:10 16000:5 64000:2 256000:1" B2_BRUNEL="12500:1.2 25000:0.3" THREADS="1 2"
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
what=${1:-all}
COBA=${COBA:-"4000:10 16000:5 64000:2 256000:1"}
BRUNEL=${BRUNEL:-"12500:1.2 25000:0.6 50000:0.3 100000:0.2 200000:0.1"}
B2_COBA=${B2_COBA:-"4000:10 16000:5 64000:2 256000:1"}
B2_BRUNEL=${B2_BRUNEL:-"12500:1.2 25000:0.3"}
THREADS=${THREADS:-"1 2"}
theory="dotnet src/Theory.Cli/bin/Release/net10.0/Theory.Cli.dll"
mkdir -p bench/out; log=bench/out/scaling.log
rec() { local tag=$1; shift; local l; l=$(cut -d' ' -f1 /proc/loadavg)
        echo "tag=$tag load1=$l $("$@" 2>/dev/null | grep -E '=' | tail -n1)" | tee -a "$log"; }
echo "# $(date -u +%FT%TZ) scaling.sh $what" >> "$log"
if [ "$what" != brian2 ]; then
  for nt in $COBA; do n=${nt%:*}; t=${nt#*:}; w=1; [ "$n" -ge 50000 ] && w=0
    for k in $THREADS; do rec "kernel_coba_${n}_t$k" $theory bench coba --n "$n" --t "$t" --reps 1 --warmup-runs $w --threads "$k"; done; done
  for nt in $BRUNEL; do n=${nt%:*}; t=${nt#*:}; w=1; [ "$n" -ge 50000 ] && w=0
    for k in $THREADS; do rec "kernel_brunel_${n}_t$k" $theory bench brunel --n "$n" --t "$t" --warmup 0 --reps 1 --warmup-runs $w --threads "$k"; done; done
fi
if [ "$what" != kernel ]; then
  for nt in $B2_COBA; do n=${nt%:*}; t=${nt#*:}
    for k in $THREADS; do rec "brian2_coba_${n}_omp$k" /usr/bin/python3 bench/brian2_peer.py coba --n "$n" --t "$t" --threads "$k"; done; done
  for nt in $B2_BRUNEL; do n=${nt%:*}; t=${nt#*:}
    for k in $THREADS; do rec "brian2_brunel_${n}_omp$k" /usr/bin/python3 bench/brian2_peer.py brunel --n "$n" --t "$t" --threads "$k"; done; done
fi
