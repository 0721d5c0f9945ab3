#!/usr/bin/env bash
# dirsync test against a generated slapd directory, beside ldapsearch reading the same entries.
#   src/bench/read-benchmark.sh [users=100000] [groups=5000] [runs=3]
# Needs slapd, ldap-utils, openssl and GNU time (Debian: slapd ldap-utils openssl time).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -DskipTests package test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dirsync.bench.ReadBenchmark "$@"
