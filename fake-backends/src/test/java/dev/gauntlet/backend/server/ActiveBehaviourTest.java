package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.BehaviourDocuments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ActiveBehaviourTest {
    /** A clock the test moves by hand. */
    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final Stats stats = new Stats();

    private ActiveBehaviour start(String json) {
        return ActiveBehaviour.first(BehaviourDocuments.load(json), clock, stats);
    }

    @Test
    void flappingHealthIsGoodForAPeriodThenBadForAPeriod() {
        ActiveBehaviour b = start("{\"health\":{\"flapPeriod\":\"5s\",\"flapStatus\":503}}");
        assertThat(b.healthStatus()).as("at 0s").isEqualTo(200);
        clock.advance(Duration.ofMillis(4999));
        assertThat(b.healthStatus()).as("at 4.999s").isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        assertThat(b.healthStatus()).as("at 5s").isEqualTo(503);
        clock.advance(Duration.ofSeconds(5));
        assertThat(b.healthStatus()).as("at 10s").isEqualTo(200);
    }

    @Test
    void timeBasedWarmupEndsAfterItsDuration() {
        ActiveBehaviour b = start("{\"warmup\":{\"duration\":\"10s\",\"latency\":\"1s\"}}");
        assertThat(b.countIntoWarmup()).as("at 0s").isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(b.countIntoWarmup()).as("at 10s").isFalse();
    }

    @Test
    void unchangedSectionsKeepTheirStateAcrossAChange() {
        ActiveBehaviour b = start("{\"warmup\":{\"duration\":\"10s\"},\"health\":{\"flapPeriod\":\"5s\"}}");
        clock.advance(Duration.ofSeconds(6));
        BehaviourConfig changed = BehaviourDocuments.merge(b.config(), "{\"errors\":{\"rate\":0.5}}", "test");
        ActiveBehaviour next = ActiveBehaviour.next(b, changed, stats);
        assertThat(next.healthStatus()).as("flap phase kept").isEqualTo(503);
        clock.advance(Duration.ofSeconds(4));
        assertThat(next.countIntoWarmup()).as("warm-up still ends 10s after it began").isFalse();
        ActiveBehaviour restarted = ActiveBehaviour.next(next,
                BehaviourDocuments.merge(changed, "{\"warmup\":{\"duration\":\"3s\"}}", "test"), stats);
        assertThat(restarted.countIntoWarmup()).as("a changed warm-up starts again").isTrue();
    }

    @Test
    void everyNthCountsFromWhenErrorsWereSet() {
        ActiveBehaviour b = start("{\"errors\":{\"everyNth\":3}}");
        assertThat(new boolean[] {b.drawError(), b.drawError(), b.drawError(), b.drawError()}).as("draws")
                .containsExactly(false, false, true, false);
    }
}
