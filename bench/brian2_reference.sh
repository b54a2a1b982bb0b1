#!/usr/bin/env bash
# Regenerates the Brian2 reference values the kernel's cross-check tests compare with:
#   tests/Theory.Tests/Kernel/reference/brian2_brunel.csv   (Brunel 2000 model A, 4+2 states x seeds)
#   tests/Theory.Tests/Kernel/reference/brian2_coba.csv     (Vogels-Abbott COBA, seeds)
# Needs Debian's python3-brian (installed here if missing). Runs the peer scripts of
# ../shared/peers unchanged. usage: bench/brian2_reference.sh [SEEDS...]   (default 1 2 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=$root/../shared/peers
out=$root/tests/Theory.Tests/Kernel/reference
seeds=${*:-1 2 3}
if ! /usr/bin/python3 -c "import brian2" 2>/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-brian python3-numpy python3-scipy g++ >/dev/null
fi
ver=$(/usr/bin/python3 -c "import brian2; print(brian2.__version__)" 2>/dev/null)
mkdir -p "$out"
b=$out/brian2_brunel.csv
echo "# Brian2 $ver cpp_standalone, dt 0.1 ms; command: /usr/bin/python3 ../shared/peers/brunel_brian2.py G RATIO 1.2 SEED; $(date -u +%F)" > "$b"
echo "g,nu_ext_over_nu_thr,seed,T_s,rate_E_Hz,mean_cv_isi,pop_rate_peak_Hz,pop_rate_var_1ms,run_s" >> "$b"
for state in "3 2" "6 4" "5 2" "4.5 0.9" "8 2" "6 2"; do
  for s in $seeds; do
    /usr/bin/python3 "$peers/brunel_brian2.py" $state 1.2 "$s" 2>/dev/null | tail -n 1 >> "$b"
  done
done
c=$out/brian2_coba.csv
echo "# Brian2 $ver cpp_standalone, Euler, dt 0.1 ms; command: /usr/bin/python3 ../shared/peers/coba_brian2.py --n 4000 --t 2 --seed SEED; $(date -u +%F)" > "$c"
echo "seed,n,t,synapses,spikes,rate_hz,cv,run_s" >> "$c"
for s in $seeds 4 5; do
  line=$(/usr/bin/python3 "$peers/coba_brian2.py" --n 4000 --t 2 --seed "$s" 2>/dev/null | tail -n 1)
  echo "$s,$(echo "$line" | sed -E 's/.*n=([^ ]+) t=([^ ]+) synapses=([^ ]+) spikes=([^ ]+) rate_hz=([^ ]+) cv=([^ ]+) run_s=([^ ]+).*/\1,\2,\3,\4,\5,\6,\7/')" >> "$c"
done
echo "written $b and $c"
