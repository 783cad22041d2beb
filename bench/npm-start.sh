#!/bin/bash
# `npm start` to the first 200 on /health: wall time, and the CPU time the whole start took
# (user+sys of npm and everything it ran, from /usr/bin/time), since wall time on a shared
# machine mostly measures the other tenants. Stops the server it started with SIGTERM.
# Usage: bench/npm-start.sh [REPO_DIR] [PORT]   (run `node scripts/build.mjs` first to time a
# start with nothing stale; the start's own output is left in $tmp/log)
cd "${1:-.}"
port=${2:-4000}
tmp=$(mktemp -d)
start=$(date +%s.%N)
PORT=$port /usr/bin/time -f 'cpu %U user + %S sys' -o "$tmp/cpu" npm start > "$tmp/log" 2>&1 &
tpid=$!
until curl -sf "http://127.0.0.1:$port/health" > /dev/null; do sleep 0.05; done
end=$(date +%s.%N)
descendants() { for c in $(ps -o pid= --ppid "$1"); do echo "$c"; descendants "$c"; done; }
server=$(for p in $(descendants $tpid); do ps -o pid=,args= -p $p; done | awk '$2 == "node" && $3 == "bin/reform-graph.js" {print $1}')
# utime + stime of the server process so far, in clock ticks (fields 14 and 15 of /proc/PID/stat).
ticks=$(awk '{print $14 + $15}' /proc/$server/stat)
kill -TERM $server
wait $tpid
echo "npm start -> /health 200: $(echo "$end - $start" | bc) s wall; CPU: server $(echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc) s, whole npm start (npm, build check, server) $(sed -n 's/.*cpu \([0-9.]*\) user + \([0-9.]*\) sys.*/\1 + \2/p' "$tmp/cpu" | bc) s (load average $(cut -d' ' -f1 /proc/loadavg)); log in $tmp/log"
