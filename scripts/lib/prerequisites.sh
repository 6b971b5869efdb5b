#!/usr/bin/env bash
# Shared by scripts/dev.sh and scripts/test.sh: checks that Java 17+ and Maven 3.8+ are there.
# Expects a die() function from the sourcing script.

# major version of a version string: "17.0.15" -> 17, "1.8.0_392" -> 8
major_of() {
  local v="$1"
  case "$v" in 1.*) v="${v#1.}" ;; esac
  echo "${v%%[!0-9]*}"
}

check_prerequisites() {
  command -v java >/dev/null 2>&1 || die "java not found. Install a JDK 17 or newer (e.g. 'apt-get install openjdk-17-jdk-headless') and put it on PATH."
  command -v mvn >/dev/null 2>&1 || die "mvn not found. Install Maven 3.8 or newer (e.g. 'apt-get install maven') and put it on PATH."
  local mvn_info mvn_version java_version
  mvn_info="$(mvn -v 2>&1 | sed 's/\x1b\[[0-9;]*m//g')" || die "'mvn -v' failed: $mvn_info"
  mvn_version="$(sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' <<<"$mvn_info" | head -n 1)"
  java_version="$(sed -n 's/^Java version: \([^,]*\),.*/\1/p' <<<"$mvn_info" | head -n 1)"
  if [ -z "$java_version" ]; then
    java_version="$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  local mvn_major mvn_minor java_major
  mvn_major="${mvn_version%%.*}"
  mvn_minor="$(cut -d. -f2 <<<"$mvn_version")"
  if [ -z "$mvn_version" ] || [ "$mvn_major" -lt 3 ] || { [ "$mvn_major" -eq 3 ] && [ "${mvn_minor:-0}" -lt 8 ]; }; then
    die "Maven 3.8 or newer is required (found: ${mvn_version:-unknown})."
  fi
  java_major="$(major_of "$java_version")"
  if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
    die "Java 17 or newer is required for Maven (found: ${java_version:-unknown}; check JAVA_HOME and PATH)."
  fi
}
