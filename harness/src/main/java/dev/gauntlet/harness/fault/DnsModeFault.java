package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;

/**
 * The DNS faults that only switch how the server answers the name (no answer, SERVFAIL, NXDOMAIN):
 * set the mode, and on heal put back the mode it replaced, leaving records and TTL to other faults.
 */
abstract class DnsModeFault extends DnsFault {

    private final ScenarioDns.Mode mode;

    DnsModeFault(FaultContext ctx, ScenarioDns.Mode mode) {
        super(ctx);
        this.mode = mode;
    }

    @Override
    ScenarioDns.Zone apply(ScenarioDns.Zone current) {
        return current.withMode(mode);
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
