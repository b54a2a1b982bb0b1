#!/usr/bin/env bash
# Starts a one-node SLURM cluster on this machine for the sweep tests: munged, slurmctld and slurmd
# as root with a generated slurm.conf, private munge key and socket, non-default ports, and every
# state, spool, log and pid file under one temporary folder (nothing in /etc is touched).
# Installs Debian's slurm-wlm and munge when missing. On success prints, on stdout, the lines to
# eval (SLURM_CONF for the clients, THEORY_SLURM_DIR for .ci/slurm-down.sh):
#   eval "$(.ci/slurm-up.sh)" && ... && .ci/slurm-down.sh "$THEORY_SLURM_DIR"
set -euo pipefail
log() { echo "slurm-up: $*" >&2; }
if [ "$(id -u)" != 0 ]; then log "needs root (slurmd runs jobs as root here)"; exit 1; fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  log "installing slurm-wlm and munge"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >&2
fi
dir=$(mktemp -d /tmp/theory-slurm.XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
chmod 700 "$dir/munge"
host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
port=$((20000 + RANDOM % 20000))
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed" >&2
cat > "$dir/slurm.conf" <<CONF
ClusterName=theory-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
PlugStackConfig=$dir/plugstack.conf
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
: > "$dir/plugstack.conf"
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF" >&2
slurmd -f "$SLURM_CONF" >&2
for _ in $(seq 1 60); do
  state=$(sinfo -h -o '%T' 2>/dev/null | head -n 1 || true)
  if [ "$state" = idle ]; then
    log "one-node cluster up in $dir (node $host, $cpus CPUs, port $port)"
    echo "export SLURM_CONF=$dir/slurm.conf"
    echo "export THEORY_SLURM_DIR=$dir"
    exit 0
  fi
  sleep 0.5
done
log "the node did not become idle in 30 s (state '${state:-none}'); logs in $dir/log"
"$(dirname "$0")/slurm-down.sh" "$dir" >&2 || true
exit 1
