#!/usr/bin/env bash
# The kernel beside its peers, interleaved round by round on the same machine: spec COBA 4000 × 10 s
# (kernel, C floor, Brian2 1 and 2 OpenMP threads), Auryn's COBA model (kernel --model auryn, Auryn
# 1 and 2 MPI ranks), Brunel model A 12 500 × 1.2 s (kernel, Brian2 1 and 2 threads) and Auryn's
# Brunel variant (kernel --model auryn, Auryn 1 and 2 ranks). Every run appends one line
# 'tag=… load1=… key=value…' to bench/out/peers.log; the medians are printed by bench/summarize.py.
#   bench/peers.sh [ROUNDS=3] [KERNEL_THREADS="1"] [PEER_THREADS="1 2"]    e.g. bench/peers.sh 3 "1 2" 1
# (PEER_THREADS: Brian2 OpenMP threads and Auryn MPI ranks to run; 2 is pointless on a loaded machine:
# OpenMP barriers and MPI ranks collapse when the cores are oversubscribed.)
# Peers: Brian2 from Debian's python3-brian (bench/brian2_peer.py); Auryn only if AURYN_DIR names
# a directory holding executables `coba` and `brunel` built from Auryn's examples
# sim_coba_benchmark and sim_brunel2k (see bench/README.md for the build and the three changes:
# a std::chrono timer around sys->run, --ne, delay 1.5 ms); this repository carries no Auryn code.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
rounds=${1:-3}; kthreads=${2:-1}; pthreads=${3:-"1 2"}
theory="dotnet src/Theory.Cli/bin/Release/net10.0/Theory.Cli.dll"
py=/usr/bin/python3
mkdir -p bench/out; log=bench/out/peers.log
gcc -O3 -march=native -std=c11 -Wall -o bench/out/coba_floor bench/coba_floor.c -lm
mpi="mpirun --allow-run-as-root --oversubscribe"
auryn() { (mkdir -p /tmp/auryn-run && cd /tmp/auryn-run && "$@"); }   # Auryn writes its logs into the working directory
rec() { local tag=$1; shift; local l; l=$(cut -d' ' -f1 /proc/loadavg)
        local out; out=$("$@" 2>/dev/null | tr '\r' '\n' | grep -oE '(bench|peer|n)=.*' | tail -n1)
        echo "tag=$tag load1=$l $out" | tee -a "$log"; }
echo "# $(date -u +%FT%TZ) peers.sh rounds=$rounds kernel_threads='$kthreads' peer_threads='$pthreads' $(lscpu | sed -n 's/^Model name:\s*//p') $(nproc) cores" >> "$log"
for r in $(seq 1 "$rounds"); do
  for k in $kthreads; do rec "kernel_coba_spec_4000x10_t$k" $theory bench coba --t 10 --seed "$r" --reps 1 --threads "$k"; done
  rec floor_coba_spec_4000x10 bench/out/coba_floor 4000 10 "$r"
  for p in $pthreads; do rec "brian2_coba_spec_4000x10_omp$p" $py bench/brian2_peer.py coba --t 10 --seed "$r" --threads "$p"; done
  for k in $kthreads; do rec "kernel_coba_auryn_4000x10_t$k" $theory bench coba --model auryn --t 10 --seed "$r" --reps 1 --threads "$k"; done
  if [ -n "${AURYN_DIR:-}" ]; then
    for p in $pthreads; do rec "auryn_coba_4000x10_np$p" auryn $mpi -np "$p" "$AURYN_DIR/coba" --simtime 10 --fast --dir /tmp; done
  fi
  for k in $kthreads; do rec "kernel_brunel_A_12500x1.2_t$k" $theory bench brunel --seed "$r" --reps 1 --threads "$k"; done
  for p in $pthreads; do rec "brian2_brunel_A_12500x1.2_omp$p" $py bench/brian2_peer.py brunel --seed "$r" --threads "$p"; done
  for k in $kthreads; do rec "kernel_brunel_auryn_12500x1.2_t$k" $theory bench brunel --model auryn --seed "$r" --reps 1 --threads "$k"; done
  if [ -n "${AURYN_DIR:-}" ]; then
    for p in $pthreads; do rec "auryn_brunel_12500x1.2_np$p" auryn $mpi -np "$p" "$AURYN_DIR/brunel" --simtime 1.2 --ne 10000 --dir /tmp; done
  fi
done
$py bench/summarize.py "$log"
