package dev.gauntlet.harness.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real packet filtering with nftables, for what Toxiproxy cannot do (silent drops, packet loss).
 * Each run owns one table, {@code inet gauntlet_<run>}, recorded in the run directory
 * ({@code nft-tables}) so a later run can delete it if this one was killed; each fault is one base
 * chain on the <em>input</em> hook, so healing is deleting that chain. (A DROP on the output hook
 * makes {@code connect()} fail at once with EPERM, which is not what a lossy link looks like.)
 *
 * <pre>{@code
 * Nftables nft = Nftables.forRun(runId, runDir);
 * nft.addChain("f3", "tcp dport 41001 drop");
 * nft.deleteChain("f3");
 * nft.deleteTable();
 * }</pre>
 */
public final class Nftables {

    static final String RECORD = "nft-tables";
    private final String table;
    private final Path runDir;
    private boolean created;

    private Nftables(String table, Path runDir) {
        this.table = table;
        this.runDir = runDir;
    }

    public static Nftables forRun(String runId, Path runDir) {
        return new Nftables("gauntlet_" + runId.replaceAll("[^A-Za-z0-9_]", "_"), runDir);
    }

    public String table() {
        return table;
    }

    /** One line saying why nft cannot be used here, or null when it can (installed, and we are root). */
    public static String unavailableReason() {
        try {
            Result r = run(List.of("nft", "list", "tables"));
            return r.code == 0 ? null : "nft failed (" + r.output.strip() + "): packet faults need root";
        } catch (IOException e) {
            return "nft is not installed (apt-get install nftables)";
        }
    }

    /** Adds a base chain on the input hook holding {@code rules} (one per line). */
    public synchronized void addChain(String chain, List<String> rules) {
        if (!created) {
            exec("add", "table", "inet", table);
            record();
            created = true;
        }
        exec("add", "chain", "inet", table, chain, "{ type filter hook input priority -10; policy accept; }");
        for (String rule : rules) {
            List<String> args = new java.util.ArrayList<>(List.of("add", "rule", "inet", table, chain));
            args.addAll(List.of(rule.split(" ")));
            exec(args.toArray(String[]::new));
        }
    }

    public synchronized void deleteChain(String chain) {
        exec("delete", "chain", "inet", table, chain);
    }

    /** Removes the run's table with all its chains; a table that was never made is fine. */
    public synchronized void deleteTable() {
        if (created) {
            deleteTable(table);
            created = false;
        }
    }

    /** Deletes the tables a dead run recorded; returns what was removed. */
    static List<String> reap(Path deadRunDir) {
        Path record = deadRunDir.resolve(RECORD);
        if (!Files.exists(record)) {
            return List.of();
        }
        try {
            List<String> removed = new java.util.ArrayList<>();
            for (String t : Files.readAllLines(record)) {
                if (!t.isBlank() && deleteTable(t.strip())) {
                    removed.add("nft table " + t.strip());
                }
            }
            Files.delete(record);
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean deleteTable(String name) {
        try {
            return run(List.of("nft", "delete", "table", "inet", name)).code == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void record() {
        try {
            Files.writeString(runDir.resolve(RECORD), table + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exec(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        try {
            Result r = run(command);
            if (r.code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + r.output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("nft is not installed (apt-get install nftables)", e);
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
