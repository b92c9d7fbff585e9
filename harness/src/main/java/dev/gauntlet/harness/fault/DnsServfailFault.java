package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;

/**
 * {@code dns_servfail}: the server answers SERVFAIL for the name, as a broken or overloaded resolver does.
 * The backends are fine: a good gateway keeps its last good answer (stale-on-error). Verified when a query
 * is answered SERVFAIL; healed by answering as before.
 */
final class DnsServfailFault extends DnsModeFault {

    DnsServfailFault(FaultContext ctx) {
        super(ctx, ScenarioDns.Mode.SERVFAIL);
    }
}
