#!/usr/bin/env python3
"""Summarises CPU samples: jdk.ExecutionSample of a flight recording made with BENCH_JFR, or the folded stacks
(.collapsed) async-profiler wrote with BENCH_ASYNC_PROFILER.

Usage: python3 scripts/bench/jfr-summary.py <file.jfr | file.collapsed> [top-N]

Prints the hottest methods by own time (top frame) and by total time (anywhere on the stack, counted once per
sample), plus a total per frame prefix group (package families), so one sees where a request's CPU goes.
"""
import collections
import re
import subprocess
import sys

GROUPS = [
    ("graphql-java engine", ("graphql.",)),
    ("dataloader", ("org.dataloader.",)),
    ("SmallRye GraphQL", ("io.smallrye.graphql.",)),
    ("context propagation", ("io.smallrye.context.", "io.quarkus.arc.runtime.context", "io.quarkus.smallrye.context")),
    ("Mutiny", ("io.smallrye.mutiny.",)),
    ("ArC (CDI)", ("io.quarkus.arc.",)),
    ("Jakarta JSON / JSON-B", ("org.eclipse.parsson.", "org.eclipse.yasson.", "jakarta.json.")),
    ("Jackson", ("com.fasterxml.jackson.",)),
    ("Vert.x / Netty", ("io.vertx.", "io.netty.")),
    ("reactive PG client", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("security / JWT", ("io.quarkus.security", "io.smallrye.jwt", "org.jose4j", "io.quarkus.smallrye.jwt")),
    ("gateway code", ("com.omnichannel.",)),
    ("micrometer", ("io.micrometer.",)),
]


def folded_samples(path):
    """(thread, frames top first) per sample of async-profiler's folded stacks: "frame;frame;... count"."""
    samples = []
    with open(path) as folded:
        for line in folded:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack or not count.isdigit():
                continue
            frames = [re.sub(r"_\[[a-z0-9]\]$", "", f).replace("/", ".") for f in stack.split(";")]
            frames.reverse()
            samples.extend([("?", frames)] * int(count))
    return samples


def recorded_samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                         capture_output=True, text=True, check=True).stdout
    samples = []
    for block in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>/]+)\(", block, re.M)
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        if frames:
            samples.append((thread.group(1) if thread else "?", frames))
    return samples


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    samples = folded_samples(path) if path.endswith(".collapsed") else recorded_samples(path)
    n = len(samples)
    print(f"{n} CPU samples")
    by_thread = collections.Counter(re.sub(r"\d+", "N", t) for t, _ in samples)
    print("\nthreads:")
    for t, c in by_thread.most_common(8):
        print(f"  {100.0 * c / n:5.1f}%  {t}")
    own = collections.Counter(f[0] for _, f in samples)
    total = collections.Counter()
    groups = collections.Counter()
    for _, frames in samples:
        total.update(set(frames))
        seen = set()
        for f in frames:
            for name, prefixes in GROUPS:
                if f.startswith(prefixes):
                    seen.add(name)
        groups.update(seen)
    print("\nown time (top frame):")
    for m, c in own.most_common(top):
        print(f"  {100.0 * c / n:5.1f}%  {m}")
    print("\ntotal time (on stack):")
    for m, c in total.most_common(top * 2):
        print(f"  {100.0 * c / n:5.1f}%  {m}")
    print("\ngroups (on stack, overlapping):")
    for g, c in groups.most_common():
        print(f"  {100.0 * c / n:5.1f}%  {g}")


if __name__ == "__main__":
    main()
