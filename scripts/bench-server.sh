#!/usr/bin/env bash
# make bench-server: adder-lab-server measured natively on loopback, each figure the median of
# three runs (these machines are shared and noisy):
#   - requests/s one process sustains in each store (closed loop, 16 connections, 5 s);
#   - the checker's time for a history of 10^6 lines;
#   - the driver's own overhead: how late its sends go, and its CPU time per request.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

say "building adder-lab-server (profile server)"
cargo build --locked --quiet --profile server -p adder-lab-server
bin="$ROOT/target/server/adder-lab-server"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

median() { sort -n | sed -n 2p; }

# Starts a server (program, then NAME=value ...) on a free port; sets $port.
start() {
  local program="$1"; shift
  local log="$work/$program-$RANDOM.log"
  env "$@" "$bin" "$program" --listen 127.0.0.1:0 >"$log" &
  pids+=($!)
  for _ in $(seq 100); do
    port="$(sed -n '1s/.*http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")"
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  die "$program did not start: $(cat "$log")"
}

rps() {
  local url="$1" runs=()
  for _ in 1 2 3; do
    runs+=("$("$bin" bench --url "$url" --connections 16 --seconds 5 | sed -n 's/.*: \([0-9]*\) requests\/s.*p50 \([0-9]*\) µs, p99 \([0-9]*\) µs/\1 \2 \3/p')")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

report() { printf '%-44s %8s req/s   p50 %6s µs   p99 %6s µs\n' "$1" $2; }

say "requests/s per process (median of 3 runs of 5 s, 16 connections)"
start adder TOTAL_STORE=memory; report "memory" "$(rps "http://127.0.0.1:$port")"
start adder TOTAL_STORE=file TOTAL_FILE="$work/locked" FILE_LOCK=on
report "file, with the lock (fsync per add)" "$(rps "http://127.0.0.1:$port")"
start adder TOTAL_STORE=file TOTAL_FILE="$work/unlocked" FILE_LOCK=off
report "file, without the lock (fsync per add)" "$(rps "http://127.0.0.1:$port")"
start db TOTAL_FILE="$work/db"; db_port="$port"
start adder TOTAL_STORE=database DATABASE_HOST="127.0.0.1:$db_port"
report "database (adder -> db, both on this machine)" "$(rps "http://127.0.0.1:$port")"

say "the checker on 10^6 history lines (median of 3)"
awk 'BEGIN { split("Alice Bob Carol", name, " "); total = 0;
  for (i = 1; i <= 1000000; i++) { n = i % 9 + 1; total += n;
    printf "{\"type\":\"request\",\"id\":%d,\"client\":\"%s\",\"number\":%d,\"sent_us\":%d,\"answered_us\":%d,\"total\":%d}\n", i, name[i % 3 + 1], n, i * 10, i * 10 + 5, total }
  printf "{\"type\":\"store\",\"when\":\"after\",\"store\":\"file\",\"total\":%d,\"at_us\":99999999}\n", total }' >"$work/million.jsonl"
times=()
for _ in 1 2 3; do
  start_ns=$(date +%s%N)
  "$bin" check "$work/million.jsonl" >/dev/null
  times+=($(( ($(date +%s%N) - start_ns) / 1000000 )))
done
echo "check, 10^6 lines: $(printf '%s\n' "${times[@]}" | median) ms"

say "the driver's overhead: 3 clients at 60,000 a minute each (3,000 requests/s) for 5 s against the memory adder"
start adder TOTAL_STORE=memory
for run in 1 2 3; do
  TIMEFORMAT="%U %S"
  { time "$bin" drive --url "http://127.0.0.1:$port" --seconds 5 --rates 60000,60000,60000 --out "$work/drive.jsonl" >"$work/drive-$run.txt"; } 2>"$work/cpu-$run.txt"
  sent=$(sed -n 's/^sent \([0-9]*\) requests.*/\1/p' "$work/drive-$run.txt")
  cpu_ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/cpu-$run.txt")
  echo "run $run: $(sed -n 's/^sends late by //p' "$work/drive-$run.txt"); CPU $cpu_ms ms for $sent requests ($(( cpu_ms * 1000 / sent )) µs each)"
done
