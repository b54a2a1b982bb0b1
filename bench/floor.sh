#!/usr/bin/env bash
# The COBA floor: builds bench/coba_floor.c (gcc -O3 -march=native, no -ffast-math) and runs it
# interleaved with the kernel on the same network (spec COBA, N × T), REPS times each; prints the
# medians, the ratio kernel/floor (wall and CPU) and a rate check (|Δrate| within 4 standard
# deviations of the seed-to-seed spread of the two samples).
# MODE=ring runs the floor's kernel-equivalent variant (see coba_floor.c).
#   bench/floor.sh [N=4000] [T=10] [REPS=5] [THREADS=1] [MODE=fused|ring]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
n=${1:-4000}; t=${2:-10}; reps=${3:-5}; threads=${4:-1}; mode=${5:-fused}
mkdir -p bench/out
gcc -O3 -march=native -std=c11 -Wall -o bench/out/coba_floor bench/coba_floor.c -lm
theory="dotnet src/Theory.Cli/bin/Release/net10.0/Theory.Cli.dll"
val() { sed -E "s/.*[ ^]$1=([^ ]+).*/\1/" <<< " $2"; }
log=bench/out/floor_${n}_$mode.txt; : > "$log"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
for s in $(seq 1 "$reps"); do
  f=$(bench/out/coba_floor "$n" "$t" "$s" "$mode"); echo "floor $f" >> "$log"
  k=$($theory bench coba --n "$n" --t "$t" --seed "$s" --reps 1 --threads "$threads" 2>/dev/null); echo "kernel $k" >> "$log"
  echo "rep $s: floor $(val run_s "$f") s (cpu $(val cpu_s "$f")), $(val rate_hz "$f") Hz; kernel $(val median_run_s "$k") s (cpu $(val median_cpu_s "$k")), $(val rate_hz "$k") Hz"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
awk -v n="$n" -v t="$t" '
  function med(a, m,   i, j, x) { for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
                                   return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
  function v(k,   r) { r = $0; sub(".* " k "=", "", r); sub(" .*", "", r); return r + 0 }
  /^floor/  { nf++; fw[nf] = v("run_s"); fc[nf] = v("cpu_s"); fr[nf] = v("rate_hz"); sf += fr[nf]; qf += fr[nf]^2 }
  /^kernel/ { nk++; kw[nk] = v("median_run_s"); kc[nk] = v("median_cpu_s"); kr[nk] = v("rate_hz"); sk += kr[nk]; qk += kr[nk]^2 }
  END {
    mf = sf / nf; mk = sk / nk
    sd = sqrt(((qf - nf * mf^2) + (qk - nk * mk^2)) / (nf + nk - (nf > 1 && nk > 1 ? 2 : 0)) * (1 / nf + 1 / nk))
    printf "COBA %d x %g s: floor median %.4f s wall, %.4f s CPU; kernel median %.4f s wall, %.4f s CPU; kernel/floor %.2f (wall), %.2f (CPU)\n",
      n, t, med(fw, nf), med(fc, nf), med(kw, nk), med(kc, nk), med(kw, nk) / med(fw, nf), med(kc, nk) / med(fc, nf)
    printf "rate: floor %.2f Hz, kernel %.2f Hz (means over seeds); difference %.2f Hz, 4 sd = %.2f Hz: %s\n",
      mf, mk, mk - mf, 4 * sd, ((mk - mf)^2 <= 16 * sd^2 + 1e-12 ? "consistent" : "RATE MISMATCH")
  }' "$log" | tee -a "$log"
