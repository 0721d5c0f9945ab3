#!/usr/bin/env bash
# The benchmark suite, one command: for each size, a generated directory in a throwaway slapd; ldapsearch of the
# same entries; dirsync test with the default heap and with -Xmx1g (wall, CPU, peak RSS); a first sync into the
# sandbox (in a JVM of its own), an unchanged re-sync and a re-sync after a 1% change (requests, bytes, against
# the minimal import). Prints a table; writes target/bench/results-<date>.json with the machine's facts.
#   src/bench/benchmark.sh [--sizes 10k,100k,100k-big,1m,USERS/GROUPS] [--runs N] [--heap SIZE] [--reads-only]
#                          [--no-build]
# Default: --sizes 10k,100k,100k-big --runs 3 --heap 1g (a few minutes on 2 cores). 1m (1,000,000 users /
# 50,000 groups) takes several minutes and several GB: ask for it. --no-build uses target/ as it is (CI, after
# mvn verify).
# JMH for normalize, flatten and diff at a million users (src/jmh/java): mvn -Pjmh -DskipTests test
# Needs slapd, ldap-utils, openssl and GNU time (Debian: slapd ldap-utils openssl time).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=true
args=()
for arg in "$@"; do
  if [ "$arg" = --no-build ]; then build=false; else args+=("$arg"); fi
done
missing=()
[ -x /usr/bin/time ] || missing+=(time)
[ -x /usr/sbin/slapd ] || command -v slapd >/dev/null || missing+=(slapd)
command -v ldapsearch >/dev/null || missing+=(ldap-utils)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "benchmark: missing ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
  exit 2
fi
if $build; then
  mvn -q -B -DskipTests package test-compile
fi
if $build || [ ! -s target/bench.classpath ]; then
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dirsync.bench.BenchmarkSuite \
  "${args[@]+"${args[@]}"}"
