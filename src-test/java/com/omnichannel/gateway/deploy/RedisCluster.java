package com.omnichannel.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis Cluster of the test's own: three masters and three replicas, {@code redis-server} processes on
 * consecutive ports (and their cluster bus ports ten above), a short node timeout so that failovers take a second or
 * two, and {@code cluster-require-full-coverage no} as the deployment requires. Every node writes into one temporary directory, removed on {@link #close()} with the processes.
 */
final class RedisCluster implements AutoCloseable {

    static final int NODES = 6;
    /** How long a node may be unreachable before the cluster fails it over (Redis' default is 15 s). */
    static final int NODE_TIMEOUT_MILLIS = 1000;

    private final int firstPort;
    private final Path dir;
    private final Map<Integer, Process> processes = new TreeMap<>();

    RedisCluster(int firstPort) throws Exception {
        this.firstPort = firstPort;
        this.dir = Files.createTempDirectory("redis-cluster-");
        try {
            for (int i = 0; i < NODES; i++) {
                start(firstPort + i);
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (int i = 0; i < NODES; i++) {
                create.add("127.0.0.1:" + (firstPort + i));
            }
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            run(create, 60);
            awaitHealthy();
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** {@code redis://127.0.0.1:p1,redis://127.0.0.1:p2,...}: every node, as the service is configured. */
    String hosts() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            hosts.add("redis://127.0.0.1:" + (firstPort + i));
        }
        return String.join(",", hosts);
    }

    private void start(int port) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-port", String.valueOf(port + 10),
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS),
                // As the deployment requires: the other shards keep answering while one has no master.
                "--cluster-require-full-coverage", "no",
                "--appendonly", "yes", "--save", "", "--dir", nodeDir.toString())
                .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start();
        processes.put(port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cli(port, "PING").contains("PONG")) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            sleep(50);
        }
    }

    /** Kills a node at once (SIGKILL), as a crashed machine. */
    void kill(int port) throws InterruptedException {
        Process process = processes.remove(port);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The ports of the masters that serve slots, with each one's slot ranges, as the given live node sees them. */
    Map<Integer, List<int[]>> masters() {
        Map<Integer, List<int[]>> masters = new TreeMap<>();
        for (String line : cli(anyLivePort(), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
            List<int[]> ranges = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] bounds = fields[i].split("-");
                int start = Integer.parseInt(bounds[0]);
                ranges.add(new int[] {start, bounds.length > 1 ? Integer.parseInt(bounds[1]) : start});
            }
            masters.put(port, ranges);
        }
        return masters;
    }

    /** The port of the master that serves a hash slot. */
    int masterOf(int slot) {
        return masterOf(slot, masters());
    }

    /** The port of the master that serves a hash slot in a map read before ({@link #masters()}). */
    static int masterOf(int slot, Map<Integer, List<int[]>> masters) {
        for (Map.Entry<Integer, List<int[]>> master : masters.entrySet()) {
            for (int[] range : master.getValue()) {
                if (slot >= range[0] && slot <= range[1]) {
                    return master.getKey();
                }
            }
        }
        throw new IllegalStateException("No master serves slot " + slot);
    }

    /** The port of a replica of the given master. */
    int replicaOf(int masterPort) {
        String id = cli(masterPort, "CLUSTER", "MYID").trim();
        for (String line : cli(masterPort, "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 3 && fields[2].contains("slave") && fields[3].equals(id) && !fields[2].contains("fail")) {
                return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
            }
        }
        throw new IllegalStateException("No replica of " + masterPort);
    }

    /** The ports of the live replicas. */
    List<Integer> replicas() {
        List<Integer> replicas = new ArrayList<>();
        for (int port : processes.keySet()) {
            if (cli(port, "ROLE").startsWith("slave")) {
                replicas.add(port);
            }
        }
        return replicas;
    }

    /** The ports of the live nodes. */
    List<Integer> live() {
        return List.copyOf(processes.keySet());
    }

    /** The number of subscribers of a channel over every live node (plain pub/sub counts per node). */
    int subscribers(String channel) {
        int total = 0;
        for (int port : processes.keySet()) {
            String[] reply = cli(port, "PUBSUB", "NUMSUB", channel).trim().split("\n");
            if (reply.length == 2) {
                total += Integer.parseInt(reply[1].trim());
            }
        }
        return total;
    }

    /** Whether every live node says the cluster is ok and sees the same masters. */
    boolean healthy() {
        for (int port : processes.keySet()) {
            if (!cli(port, "CLUSTER", "INFO").contains("cluster_state:ok")) {
                return false;
            }
        }
        return true;
    }

    void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!healthy()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The Redis cluster is not ok after 30 s");
            }
            sleep(100);
        }
    }

    String cli(int port, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        args.addAll(List.of(command));
        try {
            return run(args, 10);
        } catch (IOException e) {
            return "";
        }
    }

    private int anyLivePort() {
        return processes.keySet().iterator().next();
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroyForcibly();
        }
        for (Process process : processes.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
