package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;
import java.time.Duration;

/**
 * {@code dns_ttl}: the pool's records now carry TTL {@code ttl} (whole seconds; a fraction is cut off),
 * so a gateway that honours it re-resolves that much later — a long TTL makes it slow to follow a move.
 * Verified when a query answers the new TTL; healed by putting back the previous one.
 */
final class DnsTtlFault extends DnsFault {

    private final Duration ttl;

    DnsTtlFault(FaultContext ctx, FaultParams p) {
        super(ctx);
        this.ttl = Duration.ofSeconds(p.duration("ttl").toSeconds());
    }

    @Override
    ScenarioDns.Zone apply(ScenarioDns.Zone current) {
        return current.withTtl(ttl);
    }

    @Override
    ScenarioDns.Zone restore(ScenarioDns.Zone current, ScenarioDns.Zone before) {
        return current.withTtl(before.ttl());
    }

    @Override
    String describe(ScenarioDns.Zone from, ScenarioDns.Zone to) {
        return "ttl " + from.ttl().toSeconds() + " s -> " + to.ttl().toSeconds() + " s";
    }
}
