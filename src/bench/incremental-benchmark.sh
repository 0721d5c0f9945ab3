#!/usr/bin/env bash
# dirsync sync of a 10,000-user Active Directory (Samba 4) into the Bitwarden sandbox with ldap.incremental:
# the first sync, unchanged runs reading fully and incrementally, incremental runs after one change, sync --full.
#   src/bench/incremental-benchmark.sh [users=10000] [groups=50] [runs=3]
# A one-off (loading 10,000 users into Samba takes minutes), not part of the build. Needs what the Samba AD
# tests need (root, samba, samba-dsdb-modules, samba-vfs-modules, samba-ad-provision, ldb-tools, openssl,
# free ports 389/636/3268/3269) and GNU time (Debian: time).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -DskipTests package test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dirsync.bench.IncrementalBenchmark "$@"
