package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;

/**
 * {@code dns_nxdomain}: the server answers NXDOMAIN (the name does not exist), as after a zone mistake or
 * a deleted record. The backends are fine: a good gateway keeps its last good answer (stale-on-error).
 * Verified when a query is answered NXDOMAIN; healed by answering as before.
 */
final class DnsNxdomainFault extends DnsModeFault {

    DnsNxdomainFault(FaultContext ctx) {
        super(ctx, ScenarioDns.Mode.NXDOMAIN);
    }
}
