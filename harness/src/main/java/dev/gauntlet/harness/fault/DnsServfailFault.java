package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;

/**
 * {@code dns_servfail}: the server answers SERVFAIL for the name, as a broken or overloaded resolver does.
 * The backends are fine: a good gateway keeps its last good answer (stale-on-error). Verified when a query
 * is answered SERVFAIL; healed by answering as before.
 */
final class DnsServfailFault extends DnsFault {

    DnsServfailFault(FaultContext ctx) {
        super(ctx);
    }

    @Override
    ScenarioDns.Zone apply(ScenarioDns.Zone current) {
        return current.withMode(ScenarioDns.Mode.SERVFAIL);
    }

    @Override
    ScenarioDns.Zone restore(ScenarioDns.Zone current, ScenarioDns.Zone before) {
        return current.withMode(before.mode());
    }

    @Override
    String describe(ScenarioDns.Zone from, ScenarioDns.Zone to) {
        return "mode " + from.mode() + " -> " + to.mode();
    }
}
