package dev.gauntlet.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.config.DnsConfig;
import dev.gauntlet.gateway.health.FakeClock;
import dev.gauntlet.gateway.health.VirtualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DnsRefresherTest {
    private final FakeClock clock = new FakeClock();
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);
    private final List<List<String>> applied = new ArrayList<>();
    private final AtomicInteger queries = new AtomicInteger();
    /** null = the server fails (timeout / SERVFAIL). */
    private final AtomicReference<DnsLookup.Answer> answer = new AtomicReference<>();
    private final DnsLookup lookup = host -> {
        queries.incrementAndGet();
        DnsLookup.Answer a = answer.get();
        if (a == null) {
            throw new IOException("SERVFAIL");
        }
        return a;
    };
    private final DnsConfig config = new DnsConfig(null, Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofMillis(500), Duration.ofSeconds(1));

    private DnsRefresher refresher() {
        return new DnsRefresher("api.test", lookup, config, scheduler, Runnable::run, applied::add);
    }

    private static DnsLookup.Answer a(int ttlSeconds, String... ips) {
        return new DnsLookup.Answer(List.of(ips), Duration.ofSeconds(ttlSeconds));
    }

    @Test
    void reResolvesAfterTheTtl() {
        answer.set(a(5, "10.0.0.1"));
        refresher().start();
        assertThat(queries.get()).as("resolved at start").isEqualTo(1);
        scheduler.advance(Duration.ofMillis(4999));
        assertThat(queries.get()).as("not before the TTL").isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(queries.get()).as("at the TTL").isEqualTo(2);
    }

    @Test
    void clampsTheTtlToFloorAndMax() {
        answer.set(a(0, "10.0.0.1"));
        refresher().start();
        scheduler.advance(Duration.ofMillis(1999));
        assertThat(queries.get()).as("TTL 0 waits for the floor").isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(queries.get()).as("at the floor").isEqualTo(2);
        answer.set(a(3600, "10.0.0.1"));
        scheduler.advance(Duration.ofSeconds(2));
        int before = queries.get();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(queries.get()).as("an hour TTL capped at ttlMax").isEqualTo(before + 1);
    }

    @Test
    void keepsTheLastAnswerWhenTheServerFails() {
        answer.set(a(5, "10.0.0.1", "10.0.0.2"));
        DnsRefresher r = refresher();
        r.start();
        answer.set(null);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(r.current()).as("stale on error").containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(applied).as("nothing re-applied").hasSize(1);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(queries.get()).as("retried after errorRetry").isEqualTo(3);
    }

    @Test
    void startsEmptyWhenTheNameDoesNotResolveYet() {
        DnsRefresher r = refresher();
        r.start();
        assertThat(r.current()).as("nothing yet").isNull();
        answer.set(a(5, "10.0.0.3"));
        scheduler.advance(Duration.ofMillis(500));
        assertThat(applied).as("applied once it resolves").containsExactly(List.of("10.0.0.3"));
    }

    @Test
    void appliesOnlyChangedAnswers() {
        answer.set(a(2, "10.0.0.1"));
        refresher().start();
        scheduler.advance(Duration.ofSeconds(4));
        answer.set(a(2, "10.0.0.1", "10.0.0.9"));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(applied).as("one apply per distinct answer")
                .containsExactly(List.of("10.0.0.1"), List.of("10.0.0.1", "10.0.0.9"));
    }
}
