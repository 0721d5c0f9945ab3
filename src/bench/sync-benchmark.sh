#!/usr/bin/env bash
# dirsync sync of a generated slapd directory into the Bitwarden sandbox: first sync, unchanged re-sync,
# and a 1% change; wall time, requests and bytes of each.
#   src/bench/sync-benchmark.sh [users=100000] [groups=5000]
# Needs slapd, ldap-utils, openssl and GNU time (Debian: slapd ldap-utils openssl time).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -DskipTests package test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dirsync.bench.SyncBenchmark "$@"
