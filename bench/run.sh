#!/usr/bin/env bash
# Kernel benchmarks beside the Brian2 peers, same machine, same run. Prints a markdown table
# (also written to bench/out/kernel.md) to copy into docs/BENCHMARKS.md.
#   bench/run.sh [--quick]      (--quick: fewer repetitions)
# Needs the Release build (dotnet fsi build.fsx bench builds it) and, for the peers, Debian's
# python3-brian (installed here if missing; the peers are skipped if that fails).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
theory="dotnet src/Theory.Cli/bin/Release/net10.0/Theory.Cli.dll"
peers=$root/../shared/peers
reps=5; breps=3
[ "${1:-}" = "--quick" ] && { reps=3; breps=1; }
mkdir -p bench/out
val() { sed -E "s/.*[ ^]$1=([^ ]+).*/\1/" <<< " $2"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== kernel" >&2
coba=$($theory bench coba --t 10 --reps $reps)
brunel=$($theory bench brunel --g 5 --nu-ext-ratio 2 --t 1.2 --reps $breps)
k_coba=$(val median_run_s "$coba"); k_brunel=$(val median_run_s "$brunel")
bps=$(val bytes_per_synapse "$coba")

b_coba=NA; b_brunel=NA
if ! /usr/bin/python3 -c "import brian2" 2>/dev/null; then
  s=""; [ "$(id -u)" = 0 ] || s=sudo
  $s apt-get update -qq && $s DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian g++ >/dev/null 2>&1
fi
if /usr/bin/python3 -c "import brian2" 2>/dev/null && [ -d "$peers" ]; then
  echo "== Brian2 peers" >&2
  /usr/bin/python3 "$peers/coba_brian2.py" --n 4000 --t 1 --seed 1 >/dev/null 2>&1   # compile once
  b_coba=$(for s in $(seq 1 $reps); do /usr/bin/python3 "$peers/coba_brian2.py" --n 4000 --t 10 --seed "$s" 2>/dev/null | tail -n1 | sed -E 's/.*run_s=([^ ]+).*/\1/'; done | median)
  b_brunel=$(for s in $(seq 1 $breps); do /usr/bin/python3 "$peers/brunel_brian2.py" 5 2 1.2 "$s" 2>/dev/null | tail -n1 | awk -F, '{print $NF}'; done | median)
fi
ratio() { [ "$2" = NA ] && echo NA || awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
cpu=$(lscpu | sed -n 's/^Model name:\s*//p' | head -n1)
{
  echo "Machine: $cpu, $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%F); .NET $(dotnet --version); Brian2 $(/usr/bin/python3 -c 'import brian2; print(brian2.__version__)' 2>/dev/null || echo NA)"
  echo
  echo "| network | kernel median (s) | Brian2 cpp_standalone median (s) | ratio kernel/Brian2 | reps |"
  echo "|---|---|---|---|---|"
  echo "| COBA 4000 × 10 s (Euler) | $k_coba | $b_coba | $(ratio "$k_coba" "$b_coba") | $reps |"
  echo "| Brunel A 12 500 × 1.2 s, (g, ν_ext/ν_thr) = (5, 2) | $k_brunel | $b_brunel | $(ratio "$k_brunel" "$b_brunel") | $breps |"
  echo
  echo "Static synapse storage: $bps bytes per synapse (COBA)."
} | tee bench/out/kernel.md
