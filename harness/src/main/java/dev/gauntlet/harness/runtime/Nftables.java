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
 * Each run owns one table, {@code inet gauntlet_<run>}, made with {@code flags owner} by a child
 * {@code nft -i} that this JVM feeds through a pipe ({@link NftSession}): the table dies with the harness,
 * even on SIGKILL. It is still recorded in the run directory ({@code nft-tables}) so a later run deletes
 * what an older harness (without the owner flag) left behind; each fault is one base
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
    /** The network namespace to work in, by the pid of a process in it; 0 for the host's own. */
    private final long namespacePid;
    private NftSession session;

    private Nftables(String table, Path runDir, long namespacePid) {
        this.table = table;
        this.runDir = runDir;
        this.namespacePid = namespacePid;
    }

    /** The run's table in the host's namespace (local runtime: every part on loopback). */
    public static Nftables forRun(String runId, Path runDir) {
        return new Nftables(tableName(runId), runDir, 0);
    }

    /**
     * The run's table inside a container's network namespace, entered with {@code nsenter -t pid -n}. It goes
     * away with the container, so it is not recorded for reaping.
     */
    public static Nftables inNamespaceOf(long pid, String runId, Path runDir) {
        return new Nftables(tableName(runId), runDir, pid);
    }

    private static String tableName(String runId) {
        return "gauntlet_" + runId.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * One fault's filter: {@code inbound} rules see packets arriving in this namespace, {@code outbound} ones
     * packets leaving it. On the host's loopback both directions arrive through the input hook, so both go into
     * one input chain; in a container's namespace the outbound rules get a chain on the output hook.
     */
    public synchronized void addFilter(String name, List<String> inbound, List<String> outbound) {
        if (namespacePid == 0) {
            List<String> all = new java.util.ArrayList<>(inbound);
            all.addAll(outbound);
            addChain(name, all);
            return;
        }
        addChain(name, inbound);
        if (!outbound.isEmpty()) {
            addChain(name + "_out", "output", outbound);
        }
    }

    /** Heals what {@link #addFilter} added. */
    public synchronized void deleteFilter(String name, boolean hadOutbound) {
        deleteChain(name);
        if (namespacePid != 0 && hadOutbound) {
            deleteChain(name + "_out");
        }
    }

    public String table() {
        return table;
    }

    /** Where the table lives, for verification notes: "table gauntlet_x" or "table gauntlet_x in the netns of pid 123". */
    public String where() {
        return "table " + table + (namespacePid == 0 ? "" : " in the network namespace of pid " + namespacePid);
    }

    /**
     * One line saying why nft cannot be used here, or null when it can: installed and root, and with
     * {@code inContainers} also nsenter (util-linux) to enter a container's network namespace.
     */
    public static String unavailableReason(boolean inContainers) {
        String why = unavailableReason();
        if (why != null || !inContainers) {
            return why;
        }
        try {
            return run(List.of("nsenter", "--version")).code == 0 ? null : "nsenter failed: packet faults in containers need it";
        } catch (IOException e) {
            return "nsenter is not installed (apt-get install util-linux): packet faults in containers need it";
        }
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
        addChain(chain, "input", rules);
    }

    private void addChain(String chain, String hook, List<String> rules) {
        if (session == null) {
            try {
                session = NftSession.start(namespacePid == 0 ? List.of()
                        : List.of("nsenter", "-t", Long.toString(namespacePid), "-n"), table);
            } catch (IOException e) {
                throw new IllegalStateException("nft is not installed (apt-get install nftables)", e);
            }
            // owner: the table belongs to the session's netlink socket and goes when that nft exits.
            session.apply("add table inet " + table + " { flags owner; }");
            if (namespacePid == 0) {
                record();
            }
        }
        session.apply("add chain inet " + table + " " + chain + " { type filter hook " + hook + " priority -10; policy accept; }");
        for (String rule : rules) {
            session.apply("add rule inet " + table + " " + chain + " " + rule);
        }
    }

    public synchronized void deleteChain(String chain) {
        if (session == null) {
            throw new IllegalStateException("nft delete chain " + chain + ": table " + table + " was never made");
        }
        session.apply("delete chain inet " + table + " " + chain);
    }

    /** Removes the run's table with all its chains; a table that was never made is fine. */
    public synchronized void deleteTable() {
        if (session != null) {
            try {
                session.apply("delete table inet " + table);
            } catch (IllegalStateException gone) {
                // the namespace went away with its container, or nft with the table: either way it is gone
            }
            session.close();
            session = null;
        }
    }

    /** The pid of the {@code nft -i} holding the table, or -1 before the first rule. */
    public synchronized long holderPid() {
        return session == null ? -1 : session.pid();
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
