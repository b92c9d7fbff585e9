package dev.gauntlet.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.config.GatewaySpec;
import dev.gauntlet.gateway.config.HealthCheckConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ActiveHealthCheckerTest {
    private final FakeClock clock = new FakeClock();
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);
    private final List<TransitionEvent> events = new ArrayList<>();
    private final List<Instant> checkStarts = new ArrayList<>();
    private final EndpointHealth health = new EndpointHealth("api", "api-0", "127.0.0.1:1", clock, events::add);
    private final AtomicReference<CheckOutcome> answer = new AtomicReference<>(CheckOutcome.PASS);
    /** How long a check takes before it ends; zero = instant answer. */
    private final AtomicReference<Duration> checkTakes = new AtomicReference<>(Duration.ZERO);

    private final Prober prober = (target, cfg, done) -> {
        checkStarts.add(clock.instant());
        Duration d = checkTakes.get();
        if (d.isZero()) {
            done.accept(answer.get());
        } else {
            scheduler.schedule(d, () -> done.accept(answer.get()));
        }
    };

    private static HealthCheckConfig hc(String interval, String unhealthyInterval, String jitter, String timeout) {
        return HealthCheckConfig.from(new GatewaySpec.HealthCheckSpec(null, null, null, null, interval,
                unhealthyInterval, jitter, timeout, 3, 2, null, null, null));
    }

    private ActiveHealthChecker checker(HealthCheckConfig cfg) {
        return new ActiveHealthChecker(health, Prober.ProbeTarget.plain("127.0.0.1", 1), () -> cfg, prober, scheduler,
                new Random(7));
    }

    @Test
    void unhealthyAfterExactlyThreeFailedChecksAtOneSecondInterval() {
        Instant t0 = clock.instant();
        checker(hc("1s", null, "0ms", "500ms")).start();
        answer.set(CheckOutcome.FAIL);
        scheduler.advance(Duration.ofMillis(1999));
        assertThat(health.state()).as("after checks at 0s and 1s").isEqualTo(EndpointState.HEALTHY);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(health.state()).as("after the third check at 2s").isEqualTo(EndpointState.UNHEALTHY);
        assertThat(events.get(0).tMicros()).as("transition stamped at t0 + 2s")
                .isEqualTo(t0.plusSeconds(2).getEpochSecond() * 1_000_000L);
    }

    @Test
    void nextCheckStartsAfterThePreviousEnded() {
        checkTakes.set(Duration.ofMillis(500));
        checker(hc("1s", null, "0ms", "500ms")).start();
        Instant t0 = clock.instant();
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(checkStarts).as("check starts: ended + interval, not every interval")
                .containsExactly(t0, t0.plusMillis(1500), t0.plusMillis(3000));
    }

    @Test
    void usesUnhealthyIntervalWhileUnhealthy() {
        answer.set(CheckOutcome.FAIL);
        checker(hc("1s", "5s", "0ms", "500ms")).start();
        Instant t0 = clock.instant();
        scheduler.advance(Duration.ofSeconds(12));
        assertThat(checkStarts).as("1s apart while healthy, 5s apart once unhealthy")
                .containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(2), t0.plusSeconds(7), t0.plusSeconds(12));
    }

    @Test
    void jitterStaysWithinItsBoundIncludingTheFirstCheck() {
        checker(hc("1s", null, "300ms", "500ms")).start();
        Instant t0 = clock.instant();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(Duration.between(t0, checkStarts.get(0))).as("first check within [0, jitter]")
                .isBetween(Duration.ZERO, Duration.ofMillis(300));
        for (int i = 1; i < checkStarts.size(); i++) {
            assertThat(Duration.between(checkStarts.get(i - 1), checkStarts.get(i))).as("gap %d within [I, I+J]", i)
                    .isBetween(Duration.ofSeconds(1), Duration.ofMillis(1300));
        }
    }

    @Test
    void recoversAfterTwoPassesAndStopsWhenStopped() {
        answer.set(CheckOutcome.FAIL);
        ActiveHealthChecker c = checker(hc("1s", null, "0ms", "500ms"));
        c.start();
        scheduler.advance(Duration.ofSeconds(3));
        answer.set(CheckOutcome.PASS);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(health.state()).as("after two passing checks").isEqualTo(EndpointState.HEALTHY);
        c.stop();
        int before = checkStarts.size();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(checkStarts).as("no checks after stop").hasSize(before);
    }

    @Test
    void disablingChecksAtRunTimeReleasesAnUnhealthyEndpoint() {
        AtomicReference<HealthCheckConfig> cfg = new AtomicReference<>(hc("1s", null, "0ms", "500ms"));
        answer.set(CheckOutcome.FAIL);
        new ActiveHealthChecker(health, Prober.ProbeTarget.plain("127.0.0.1", 1), cfg::get, prober, scheduler,
                new Random(7)).start();
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(health.state()).as("failed three checks").isEqualTo(EndpointState.UNHEALTHY);
        HealthCheckConfig off = cfg.get();
        cfg.set(new HealthCheckConfig(false, off.type(), off.path(), off.host(), off.interval(), off.unhealthyInterval(),
                off.jitter(), off.timeout(), off.unhealthyThreshold(), off.healthyThreshold(), off.expectedStatuses(),
                off.expectedBody(), off.immediateFailHeader()));
        int checks = checkStarts.size();
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(health.state()).as("no checks left to keep it unhealthy").isEqualTo(EndpointState.HEALTHY);
        assertThat(checkStarts).as("no probes while disabled").hasSize(checks);
        assertThat(events.get(events.size() - 1).reason()).as("reason").isEqualTo(TransitionReason.ACTIVE_HC_DISABLED);
    }
}
