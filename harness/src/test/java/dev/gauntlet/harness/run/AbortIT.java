package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.report.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.gauntlet.harness.runtime.Nftables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborting a real harness process: SIGTERM cleans up and keeps partial results; kill -9 leaves
 * children behind, and the next run reaps exactly those.
 */
class AbortIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Process startHarness(Path scenario, Path runs) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProjectHome.java(), "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dgauntlet.home=" + ProjectHome.root()));
        String toxiproxy = System.getProperty("gauntlet.toxiproxy");
        if (toxiproxy != null) {
            command.add("-Dgauntlet.toxiproxy=" + toxiproxy);
        }
        command.addAll(List.of("-jar", ProjectHome.root().resolve("harness/target/harness.jar").toString(),
                "run", scenario.toString(), "--runs-dir", runs.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("harness.out").toFile()).start();
    }

    private static Path onlyRun(Path runs) throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /** Waits until the crash at 5 s has been injected: load is running and a fault is active. */
    private static Path awaitCrashInjected(Path runs) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!Files.isDirectory(runs)) {
                return null;
            }
            Path run = onlyRun(runs);
            Path timeline = run.resolve(RunDirectory.TIMELINE);
            return Files.exists(timeline) && Files.readString(timeline).contains("\"crash\"") ? run : null;
        }, r -> r != null);
    }

    private static List<Long> childPids(Path run) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("children.jsonl"))) {
            JsonNode child = JSON.readTree(line);
            pids.add(child.path("pid").asLong());
        }
        return pids;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void sigtermHealsStopsEverythingAndKeepsPartialResults() throws Exception {
        Path runs = tmp.resolve("runs");
        Process harness = startHarness(ShortScenarios.write(tmp, "short-crash", ShortScenarios.CRASH), runs);
        Path run = awaitCrashInjected(runs);

        harness.destroy(); // SIGTERM, as a CI runner's cancel or a Ctrl-C would
        assertThat(harness.waitFor(60, TimeUnit.SECONDS)).as("the harness exits after an abort").isTrue();

        String out = Files.readString(tmp.resolve("harness.out"));
        assertThat(out).as(out).contains("aborting").contains("report: ");
        RunDirectory dir = new RunDirectory(run);
        assertThat(dir.manifest().aborted()).as("run.json says aborted").isTrue();
        assertThat(dir.requests()).as("requests recorded before the abort are kept").hasSizeGreaterThan(300);
        assertThat(dir.result()).as("the partial run is scored").isNotNull();
        assertThat(dir.timeline()).extracting(e -> e.op()).as("the active crash was healed").contains("heal");
        for (long pid : childPids(run)) {
            assertThat(alive(pid)).as("child pid %s is gone", pid).isFalse();
        }
        assertThat(run.resolve(".alive")).doesNotExist();
    }

    @Test
    void kill9LeavesChildrenThatTheNextRunReaps() throws Exception {
        Path runs = tmp.resolve("runs");
        Process harness = startHarness(ShortScenarios.write(tmp, "short-crash", ShortScenarios.CRASH), runs);
        Path run = awaitCrashInjected(runs);

        harness.destroyForcibly(); // kill -9: no hook runs
        harness.waitFor(30, TimeUnit.SECONDS);
        List<Long> pids = childPids(run);
        assertThat(pids.stream().filter(AbortIT::alive)).as("a killed harness leaves its children running").isNotEmpty();

        List<String> reaped = ChildRegistry.reapLeftovers(runs);

        assertThat(reaped).as("what was reaped is reported").isNotEmpty();
        assertThat(reaped).anySatisfy(line -> assertThat(line).contains("gateway"));
        for (long pid : pids) {
            assertThat(alive(pid)).as("leftover pid %s reaped", pid).isFalse();
        }
        assertThat(run.resolve(".alive")).doesNotExist();
    }

    @Test
    void kill9TakesTheFirewallTableWithItAndTrafficFlowsAgain() throws Exception {
        Assumptions.assumeTrue(Nftables.unavailableReason() == null, "nftables unavailable: " + Nftables.unavailableReason());
        String scenario = ShortScenarios.CRASH.replace("  - { at: 5s, target: \"api[0]\", action: crash }",
                "  - { at: 3s, target: \"api[1]\", action: firewall_drop }\n  - { at: 5s, target: \"api[0]\", action: crash }");
        Path runs = tmp.resolve("runs");
        Process harness = startHarness(ShortScenarios.write(tmp, "short-crash", scenario), runs);
        Path run = awaitCrashInjected(runs);
        String table = Files.readString(run.resolve("nft-tables")).strip();
        java.util.regex.Matcher drop = java.util.regex.Pattern.compile("nft drop tcp dport (\\d+)")
                .matcher(Files.readString(run.resolve(RunDirectory.TIMELINE)));
        assertThat(drop.find()).as("the firewall_drop is in the timeline").isTrue();
        int port = Integer.parseInt(drop.group(1));
        assertThat(nftTables()).as("the drop is active before the kill").contains(table);
        assertThat(packetsPass(port)).as("port %s drops while the harness lives", port).isFalse();

        harness.destroyForcibly(); // kill -9: no hook runs
        harness.waitFor(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(nftTables()).as("the run's table died with the harness").doesNotContain(table));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(packetsPass(port)).as("packets to port %s pass again", port).isTrue());
        ChildRegistry.reapLeftovers(runs); // the children a kill -9 leaves (AbortIT above shows that part)
    }

    /**
     * Whether a SYN to {@code port} gets an answer: accepted, or refused at once. Only a drop leaves it unanswered
     * (a timeout). Refused counts: a killed harness's Toxiproxy may die of SIGPIPE on its log pipe, and what
     * is asserted here is that no firewall rule is left, not that the proxy outlived the harness.
     */
    private static boolean packetsPass(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.net.SocketTimeoutException dropped) {
            return false;
        } catch (java.io.IOException refused) {
            return true;
        }
    }

    private static String nftTables() throws Exception {
        Process nft = new ProcessBuilder("nft", "list", "tables").redirectErrorStream(true).start();
        String out = new String(nft.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        nft.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
