#!/bin/sh
# Regenerates jia_receiver_brian2.csv: the free receiver rate at stage 1 of the paper's neuron in
# Brian2 (gen_jia_receiver_brian2.py), both refractory variants, 10 and 20 Hz inputs, 101 s each.
cd "$(dirname "$0")"
echo "variant,input_rate_hz,duration_s,seed,spikes,rate_hz,se_hz" > jia_receiver_brian2.csv
for v in integrate clamp; do for r in 20 10; do
  /usr/bin/python3 gen_jia_receiver_brian2.py $v $r 101 1 2>/dev/null | tail -n 1 >> jia_receiver_brian2.csv
done; done
