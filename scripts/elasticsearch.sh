#!/usr/bin/env bash
# A search cluster on loopback for development, CI and the cluster benchmarks: OpenSearch 2.19's
# server and modules from Maven Central, run by the launcher in search/engine (see docs/search.md
# for why OpenSearch and not Elasticsearch 8 here; production runs Elasticsearch).
#
#   scripts/elasticsearch.sh start [--nodes N] [--engine opensearch|elasticsearch]
#                                                build if needed, start N nodes as one cluster on free
#                                                ports, wait for green (yellow for one node); the last
#                                                line printed is ELASTICSEARCH_URL=http://127.0.0.1:PORT.
#                                                --engine elasticsearch runs Elasticsearch 8.19 instead
#                                                (search/engine-es8: no percolator; needs Java 21+, see
#                                                docs/search.md)
#   scripts/elasticsearch.sh stop                stop every node started from this checkout
#   scripts/elasticsearch.sh node stop|start I…  kill nodes (SIGKILL, as a lost machine) or start them
#                                                again on their data (together); start waits for their
#                                                HTTP only
#
# Nodes refuse nothing as root here, but they are still run as an unprivileged user (bangfu-search,
# created when started as root) with their data under var/search-engine (as root: under
# /var/lib/bangfu-search, which that user can reach). ES_HEAP sets each node's heap (default 1g);
# BANGFU_SEARCH_INSTANCE names a second, independent set of nodes of the same checkout (the
# three-node cluster test runs beside CI's one node); BANGFU_SEARCH_DIR overrides the data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ENGINE=search/engine  # set by choose_engine
if [ "$(id -u)" = 0 ]; then
  # The node runs as an unprivileged user, who may not be able to enter the checkout's folder (a private
  # temporary directory, say): as root, data and a copy of the built jars live outside it.
  STATE=${BANGFU_SEARCH_DIR:-/var/lib/bangfu-search/$(printf %s "$ROOT" | sha1sum | cut -c1-12)}
else
  STATE=${BANGFU_SEARCH_DIR:-$ROOT/var/search-engine}
fi
STATE=$STATE${BANGFU_SEARCH_INSTANCE:+-$BANGFU_SEARCH_INSTANCE}
RUN_AS=bangfu-search
HEAP=${ES_HEAP:-1g}

die() { echo "elasticsearch.sh: $*" >&2; exit 1; }

need_tools() {
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "java 17 and maven are needed"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  fi
}

choose_engine() {  # opensearch | elasticsearch: the launcher module, its main class and its Java
  case $1 in
    opensearch) ENGINE=search/engine MAIN=org.bangfu.engine.EngineNode JAVA=java ;;
    elasticsearch)
      # Elasticsearch 8.19 needs Java 21 or newer (ES8_JAVA_HOME, else Temurin 25 where installed).
      local home=${ES8_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
      [ -x "$home/bin/java" ] || die "Elasticsearch 8 needs Java 21+: set ES8_JAVA_HOME"
      ENGINE=search/engine-es8 MAIN=org.bangfu.engine.Es8Node JAVA=$home/bin/java
      export JAVA_HOME=$home
      ;;
    *) die "--engine takes opensearch or elasticsearch" ;;
  esac
}

build() {
  local jar=$ENGINE/target/search-engine-1.jar
  if [ -f "$jar" ] && [ -z "$(find $ENGINE/pom.xml $ENGINE/src -newer "$jar" -type f | head -1)" ]; then
    return
  fi
  need_tools
  # Offline first: a warm ~/.m2 builds in seconds; the first build downloads (about 60 MB).
  (cd $ENGINE && { mvn -q -B -o package 2>/dev/null || mvn -q -B package; }) >&2
}

runner() {
  if [ "$(id -u)" != 0 ]; then
    echo ""
    return
  fi
  id -u $RUN_AS >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin $RUN_AS
  echo "runuser -u $RUN_AS --"
}

free_ports() {  # N free loopback ports, below the kernel's ephemeral range
  # A port the kernel hands out to outgoing connections can be taken by one (any client on the
  # machine) while its node is down, and the node then cannot start again on it.
  python3 - "$1" <<'EOF'
import random, socket, sys
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError):
    low = 32768
candidates = list(range(max(1024, low - 12000), low))
random.shuffle(candidates)
socks = []
for port in candidates:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        s.close()
        continue
    socks.append(s)
    if len(socks) == int(sys.argv[1]):
        break
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

alive() { [ -f "$1/pid" ] && kill -0 "$(cat "$1/pid")" 2>/dev/null; }

launch() {  # node directory: starts the node with the settings saved in its args file
  local dir=$1
  mapfile -t args <"$dir/args"
  rm -f "$dir/pid"
  # The JVM writes its own pid (exec keeps it): killing runuser would leave the JVM running.
  # shellcheck disable=SC2016,SC2046
  choose_engine "$(cat "$STATE/engine" 2>/dev/null || echo opensearch)"
  nohup $(runner) sh -c 'echo $$ >"$0/pid"; exec "$@"' "$dir" \
    "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseSerialGC -Dlog4j2.disable.jmx=true -Djava.io.tmpdir="$dir/tmp" \
    -cp "$STATE/jars/search-engine-1.jar:$STATE/jars/lib/*" \
    "$MAIN" "${args[@]}" >"$dir/node.log" 2>&1 &
  for _ in $(seq 50); do [ -s "$dir/pid" ] && return; sleep 0.1; done
  die "node in $dir did not start"
}

wait_health() {  # port, nodes, seconds
  local want=yellow
  [ "$2" -gt 1 ] && want=green
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    if curl -sf "http://127.0.0.1:$1/_cluster/health?wait_for_status=$want&wait_for_nodes=$2&timeout=2s" \
      >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  return 1
}

stop_all() {
  local dir pids=()
  for dir in "$STATE"/node-*; do
    [ -d "$dir" ] || continue
    if alive "$dir"; then
      pids+=("$(cat "$dir/pid")")
      kill "$(cat "$dir/pid")" 2>/dev/null || true
    fi
  done
  for _ in $(seq 30); do
    local left=0 p
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left=1; done
    [ $left = 0 ] && break
    sleep 1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$STATE"
}

start() {
  local nodes=1 engine=opensearch
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes) nodes=${2:?}; shift 2 ;;
      --engine) engine=${2:?}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ "$nodes" -ge 1 ] 2>/dev/null || die "--nodes takes a number"
  choose_engine "$engine"
  build
  stop_all
  command -v curl >/dev/null || die "curl is needed"
  local ports i seeds="" names="" http0
  read -r -a ports <<<"$(free_ports $((nodes * 2)))"
  for ((i = 0; i < nodes; i++)); do
    seeds+="${seeds:+,}127.0.0.1:${ports[$((2 * i + 1))]}"
    names+="${names:+,}node-$i"
  done
  http0=${ports[0]}
  mkdir -p "$STATE"
  for ((i = 0; i < nodes; i++)); do
    local dir=$STATE/node-$i
    mkdir -p "$dir/tmp"
    {
      echo "path.home=$dir"
      echo "node.name=node-$i"
      echo "cluster.name=bangfu-$http0"
      echo "network.host=127.0.0.1"
      echo "http.port=${ports[$((2 * i))]}"
      echo "transport.port=${ports[$((2 * i + 1))]}"
      echo "cluster.routing.allocation.disk.threshold_enabled=false"
      echo "bootstrap.memory_lock=false"
      # Warnings, and how the cluster forms and loses nodes (elections, node-left), in node.log.
      echo "logger.level=warn"
      echo "logger.org.$engine.cluster.coordination=info"
      echo "logger.org.$engine.cluster.service=info"
      if [ "$nodes" = 1 ]; then
        echo "discovery.type=single-node"
      else
        echo "discovery.seed_hosts=$seeds"
        if [ "$engine" = opensearch ]; then
          echo "cluster.initial_cluster_manager_nodes=$names"
        else
          echo "cluster.initial_master_nodes=$names"
        fi
      fi
    } >"$dir/args"
    echo "http://127.0.0.1:${ports[$((2 * i))]}" >"$dir/url"
  done
  echo "$engine" >"$STATE/engine"
  rm -rf "$STATE/jars" && mkdir -p "$STATE/jars"
  cp "$ROOT/$ENGINE/target/search-engine-1.jar" "$STATE/jars/" && cp -r "$ROOT/$ENGINE/target/lib" "$STATE/jars/lib"
  [ "$(id -u)" = 0 ] && { runner >/dev/null; chown -R $RUN_AS "$STATE"; }
  for ((i = 0; i < nodes; i++)); do launch "$STATE/node-$i"; done
  # A JVM start is CPU-bound: on a busy 2-core machine one node takes 20-60 s, three up to 3 min.
  if ! wait_health "$http0" "$nodes" "${ES_START_TIMEOUT:-$((60 + 60 * nodes))}"; then
    for ((i = 0; i < nodes; i++)); do tail -20 "$STATE/node-$i/node.log" >&2; done
    stop_all
    die "the cluster did not become healthy"
  fi
  local urls
  urls=$(cat "$STATE"/node-*/url | paste -sd, -)
  echo "ELASTICSEARCH_NODES=$urls"
  echo "ELASTICSEARCH_URL=http://127.0.0.1:$http0"
}

node() {
  local action=${1:-} i dir
  shift || true
  [ $# -gt 0 ] || die "node stop|start I…"
  for i in "$@"; do [ -d "$STATE/node-$i" ] || die "no node $i"; done
  case $action in
    stop)
      for i in "$@"; do
        dir=$STATE/node-$i
        if alive "$dir"; then
          local pid
          pid=$(cat "$dir/pid")
          kill -9 "$pid"
          # Gone for sure before this returns (the test that follows counts on it).
          for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
      done
      ;;
    start)
      for i in "$@"; do alive "$STATE/node-$i" && die "node $i is running"; done
      # Together: a JVM start is CPU-bound, and nodes started one after another each wait for a CPU.
      for i in "$@"; do launch "$STATE/node-$i"; done
      # Only their HTTP: nodes restarted after the whole cluster was lost may have no quorum yet.
      local deadline=$((SECONDS + ${ES_START_TIMEOUT:-180}))
      for i in "$@"; do
        dir=$STATE/node-$i
        until curl -sf "$(cat "$dir/url")/" >/dev/null 2>&1; do
          if ! alive "$dir" || [ $SECONDS -ge $deadline ]; then
            tail -20 "$dir/node.log" >&2
            die "node $i did not come back"
          fi
          sleep 1
        done
        echo "node $i is up"
      done
      ;;
    *) die "node stop|start I…" ;;
  esac
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop_all ;;
  node) shift; node "$@" ;;
  *) die "usage: $0 start [--nodes N] [--engine opensearch|elasticsearch] | stop | node stop|start I…" ;;
esac
