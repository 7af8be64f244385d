#!/bin/sh
# Load N-Triples into a private Virtuoso and run SPARQL queries there.
#   virtuoso.sh FILE.nt QUERY.rq OUT [QUERY.rq OUT ...]
# The server gets a temporary database and a free loopback port, and is
# stopped on every way out (trap). Exit 77 when Virtuoso is not installed.
set -u
nt=$1
shift
if ! command -v virtuoso-t > /dev/null || ! command -v isql-vt > /dev/null; then
  echo "SKIP: Virtuoso is not installed (Debian package virtuoso-opensource)"
  exit 77
fi
db=$(mktemp -d)
pid=
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    isql-vt "127.0.0.1:$port" dba dba exec="shutdown;" > /dev/null 2>&1
    sleep 0.5
    kill "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
  fi
  rm -rf "$db"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

# A free port: ask the kernel for one, then let it go (a race with another
# process is possible but short; the start below would fail visibly).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cp "$nt" "$db/data.nt"
cat > "$db/virtuoso.ini" <<INI
[Database]
DatabaseFile = $db/virtuoso.db
ErrorLogFile = $db/virtuoso.log
TransactionFile = $db/virtuoso.trx
xa_persistent_file = $db/virtuoso.pxa
[TempDatabase]
DatabaseFile = $db/virtuoso-temp.db
TransactionFile = $db/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$port
DisableUnixSocket = 1
DirsAllowed = ., $db
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[SPARQL]
ResultSetMaxRows = 10000
INI
(cd "$db" && exec virtuoso-t +foreground +configfile "$db/virtuoso.ini") > "$db/server.out" 2>&1 &
pid=$!
up=
for _ in $(seq 1 100); do
  if isql-vt "127.0.0.1:$port" dba dba exec="select 1;" > /dev/null 2>&1; then up=1; break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.2
done
if [ -z "$up" ]; then
  echo "virtuoso did not start:"; cat "$db/server.out" "$db/virtuoso.log" 2> /dev/null | tail -20
  exit 1
fi

graph=urn:rawi:test
# isql-vt exits 0 even when a statement fails: look for its error marker.
isql-vt "127.0.0.1:$port" dba dba \
  exec="DB.DBA.TTLP_MT(file_to_string_output('$db/data.nt'), '', '$graph', 0);" > "$db/load.out" 2>&1
if grep -q '\*\*\* Error' "$db/load.out"; then
  echo "virtuoso could not load the N-Triples:"; cat "$db/load.out"; exit 1
fi
# SPARQL through isql: one query on one line, results as plain rows.
while [ $# -ge 2 ]; do
  query=$1 out=$2
  shift 2
  q=$(tr '\n' ' ' < "$query")
  isql-vt "127.0.0.1:$port" dba dba verbose=off banner=off prompt=off echo=off \
    exec="SPARQL DEFINE input:default-graph-uri <$graph> $q;" > "$db/query.out" 2>&1
  if grep -q '\*\*\* Error' "$db/query.out"; then
    echo "virtuoso could not answer $query:"; cat "$db/query.out"; exit 1
  fi
  cp "$db/query.out" "$out"
done
