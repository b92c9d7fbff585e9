package dev.gauntlet.backend.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendProcessIT {
    @Test
    void printsOneReadyLineWithIdPortsAndPidAndStartsWellUnderASecond() throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            try (BackendProcess p = BackendProcess.start("--behaviour", "{\"latency\":{\"fixed\":\"5ms\"}}")) {
                assertThat(p.ready.get("event").asText()).as("event").isEqualTo("ready");
                assertThat(p.ready.get("id").asText()).as("id").isEqualTo("api-0");
                assertThat(p.ready.get("pid").asLong()).as("pid").isEqualTo(p.process.pid());
                assertThat(p.port()).as("data port").isPositive();
                assertThat(p.controlPort()).as("control port").isPositive().isNotEqualTo(p.port());
                assertThat(p.ready.size()).as("fields in the ready line").isEqualTo(5);
                var r = p.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).as("health right after ready").isEqualTo("ok");
                best = Math.min(best, p.startupMillis);
                System.out.printf("start-up to ready line: %d ms%n", p.startupMillis);
            }
        }
        // About 400 ms on a quiet 2-core machine; the bound is loose because other builds share the
        // machine (at load 11 one start took 6 s). The figures are printed above and in the README.
        assertThat(best).as("best of 3 start-up times (ms)").isLessThan(2000);
    }

    @Test
    void controlHostIsBoundAndNamedInTheStartLogLine() throws Exception {
        try (BackendProcess p = BackendProcess.start("--control-host", "0.0.0.0")) {
            assertThat(p.ready.size()).as("fields in the ready line, unchanged").isEqualTo(5);
            assertThat(p.stats().get("id").asText()).as("control API via 127.0.0.1").isEqualTo("api-0");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(p.stderr()).as("start log line")
                    .contains("serving http on 127.0.0.1:" + p.port() + ", control on 0.0.0.0:" + p.controlPort() + ","));
        }
        try (BackendProcess p = BackendProcess.start()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(p.stderr()).as("default start log line")
                    .contains(", control on 127.0.0.1:" + p.controlPort() + ","));
        }
    }

    @Test
    void crashExitsTheProcessAtOnceWithTheChosenCode() throws Exception {
        try (BackendProcess p = BackendProcess.start()) {
            p.control("POST", "/_control/crash?code=7", null);
            assertThat(p.process.waitFor(5, TimeUnit.SECONDS)).as("process ended").isTrue();
            assertThat(p.process.exitValue()).as("exit code").isEqualTo(7);
        }
    }

    @Test
    void badBehaviourAtStartPrintsOneLineAndExits2() throws Exception {
        Process p = BackendProcess.spawn("--id", "api-0", "--behaviour", "{\"latency\":{\"median\":\"5ms\"}}");
        try {
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited").isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("exit code").isEqualTo(2);
            assertThat(err).as("stderr").isEqualTo(
                    "--behaviour: latency.p99: missing (expected: a duration >= median, given with median (or use fixed))\n");
            assertThat(p.getInputStream().readAllBytes()).as("stdout").isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void memoryBalloonUntilOomCrashesTheJvmWithOutOfMemoryError() throws Exception {
        try (BackendProcess p = BackendProcess.start("--behaviour", "{\"memoryBalloon\":{\"untilOom\":true}}")) {
            assertThat(p.process.waitFor(20, TimeUnit.SECONDS)).as("process died").isTrue();
            assertThat(p.process.exitValue()).as("exit code after OOM").isEqualTo(3);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(p.stderr()).as("stderr").contains("java.lang.OutOfMemoryError"));
        }
    }

    @Test
    void memoryBalloonGrowsResidentMemoryAndShrinksOnRequest() throws Exception {
        try (BackendProcess p = BackendProcess.start()) {
            long before = p.rssMib();
            p.control("PUT", "/_control/behaviour", "{\"memoryBalloon\":{\"mib\":40,\"mibPerSecond\":100}}");
            await().atMost(Duration.ofSeconds(5)).until(() -> p.stats().get("memory_balloon_mib").asInt() == 40);
            long after = p.rssMib();
            System.out.printf("RSS before balloon %d MiB, with a 40 MiB balloon %d MiB%n", before, after);
            assertThat(after - before).as("RSS growth with a 40 MiB balloon (MiB)").isGreaterThanOrEqualTo(30);
            p.control("PUT", "/_control/behaviour", "{\"memoryBalloon\":{\"mib\":0}}");
            await().atMost(Duration.ofSeconds(5)).until(() -> p.stats().get("memory_balloon_mib").asInt() == 0);
        }
    }

    @Test
    void cpuBurnTakesAboutTheConfiguredShareOfACore() throws Exception {
        try (BackendProcess p = BackendProcess.start("--behaviour", "{\"cpuBurn\":{\"threads\":1,\"share\":0.5}}")) {
            long[] s0 = p.schedstat("cpu-burn-0");
            long ticks0 = p.cpuTicks();
            long t0 = System.nanoTime();
            await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
                    .until(() -> System.nanoTime() - t0 >= 1_500_000_000L);
            long[] s1 = p.schedstat("cpu-burn-0");
            double wall = System.nanoTime() - t0;
            double ran = (s1[0] - s0[0]) / wall;
            // Running plus waiting for a CPU: on a busy machine the burner gets less than its share and
            // waits for the rest, so only the upper bound of what it ran is machine-independent.
            double demanded = (s1[0] - s0[0] + s1[1] - s0[1]) / wall;
            double process = (p.cpuTicks() - ticks0) / 100.0 / (wall / 1e9);
            System.out.printf("cpuBurn 1 x 0.5: burner ran %.2f, demanded %.2f of a core; process used %.2f cores%n",
                    ran, demanded, process);
            assertThat(ran).as("share of a core the burn thread got (never more than 0.5)").isBetween(0.05, 0.6);
            assertThat(demanded).as("share of a core the burn thread ran or waited for").isGreaterThan(0.4);
            p.control("PUT", "/_control/behaviour", "{\"cpuBurn\":{\"threads\":0}}");
            assertThat(p.stats().get("cpu_burn_threads").asInt()).as("burn threads after switching off").isZero();
        }
    }

    @Test
    void aWholeCoreBurnAsksForAWholeCoreEvenWhenItIsPreempted() throws Exception {
        try (BackendProcess p = BackendProcess.start("--behaviour", "{\"cpuBurn\":{\"threads\":1,\"share\":1.0}}")) {
            long[] s0 = p.schedstat("cpu-burn-0");
            long t0 = System.nanoTime();
            await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
                    .until(() -> System.nanoTime() - t0 >= 1_500_000_000L);
            long[] s1 = p.schedstat("cpu-burn-0");
            double wall = System.nanoTime() - t0;
            double demanded = (s1[0] - s0[0] + s1[1] - s0[1]) / wall;
            System.out.printf("cpuBurn 1 x 1.0: burner ran %.2f, demanded %.2f of a core%n", (s1[0] - s0[0]) / wall, demanded);
            // preempted past its slice's end, it must not park to the next grid point: it never stops asking
            assertThat(demanded).as("share of a core the burn thread ran or waited for").isGreaterThan(0.9);
        }
    }

    @Test
    void residentMemoryStaysUnder128MiBUnderLoad() throws Exception {
        try (BackendProcess p = BackendProcess.start("--behaviour",
                "{\"bodySize\":2048,\"latency\":{\"median\":\"5ms\",\"p99\":\"20ms\"}}")) {
            Semaphore permits = new Semaphore(100);
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                permits.acquire();
                all.add(p.http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/x")).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> permits.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            long rss = p.rssMib();
            long peak = p.procStatusKib("VmHWM") / 1024;
            System.out.printf("after 3000 requests at 100 concurrent: RSS %d MiB, peak %d MiB, threads %d%n",
                    rss, peak, p.procStatusKib("Threads"));
            assertThat(peak).as("peak RSS (MiB)").isLessThanOrEqualTo(128);
        }
    }
}
