package dev.gauntlet.harness.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code nft -i} child whose stdin is this JVM's pipe: every command of a run's table goes through it, so
 * a table made with {@code flags owner} belongs to that child's netlink socket. When the harness dies, even by
 * SIGKILL, the pipe closes, {@code nft} reads end-of-file and exits, and the kernel deletes the owned table
 * with every rule in it: no firewall rule outlives the harness. (With the owner flag no other process may
 * change the table either, which is why nothing else may speak to it.)
 *
 * <pre>
 *   harness JVM ──stdin pipe──▶ nft -i ──netlink (owner)──▶ table inet gauntlet_run { flags owner; ... }
 *        ◀──stderr lines (errors, then the sync marker)──┘
 * </pre>
 *
 * {@code nft -i} answers nothing on success, so after each command a marker command that must fail
 * ({@code list chain ... __gauntlet_sync_N}) is sent; its error line names the marker, and any error printed
 * before the marker's own belongs to the command.
 */
final class NftSession implements AutoCloseable {

    private static final long ANSWER_TIMEOUT_MS = 10_000;
    private static final String MARKER = "__gauntlet_sync_";

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final String table;
    private long sequence;

    private NftSession(Process process, String table) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.table = table;
        Thread reader = new Thread(this::drain, "nft-session-" + table);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code prefix nft -i} (prefix: e.g. {@code nsenter -t pid -n}, or nothing). */
    static NftSession start(List<String> prefix, String table) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("nft", "-i"));
        return new NftSession(new ProcessBuilder(command).redirectErrorStream(true).start(), table);
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command and waits for nft to have applied it; throws with nft's own error when it failed. */
    synchronized void apply(String command) {
        String marker = MARKER + (++sequence);
        try {
            stdin.write((command + "\n" + "list chain inet " + table + " " + marker + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("nft -i (pid " + process.pid() + ") is gone: " + e.getMessage(), e);
        }
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MS);
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for nft: " + command, e);
            }
            if (line == null) {
                throw new IllegalStateException("nft -i gave no answer within " + ANSWER_TIMEOUT_MS + " ms to: " + command
                        + (process.isAlive() ? "" : " (nft exited " + process.exitValue() + ")"));
            }
            // The caret line under an error may lack its newline and run into the next line.
            String clean = line.replaceFirst("^\\^+", "").strip();
            if (clean.contains(marker)) {
                break;
            }
            if (!clean.isEmpty()) {
                before.add(clean);
            }
        }
        // The last error before the marker is the marker's own ("No such file or directory").
        int own = before.size() - 1;
        while (own >= 0 && !before.get(own).startsWith("Error:")) {
            own--;
        }
        List<String> errors = own < 0 ? List.of() : before.subList(0, own);
        if (errors.stream().anyMatch(l -> l.startsWith("Error:"))) {
            throw new IllegalStateException("nft " + command + " failed: " + String.join(" ", errors));
        }
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // nft exited; apply() reports it
        }
    }

    /** Closes nft's stdin: it exits, and the kernel drops the owned table with it. */
    @Override
    public synchronized void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
