package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;
import dev.gauntlet.harness.topology.DnsZonePlan;

/**
 * The shared half of every DNS fault: change one aspect of the pool's name on the scenario's DNS server
 * (its records, its TTL, or how it is answered), verify with an independent query that the server now
 * answers what its new state calls for, and on heal put back only that aspect — so DNS faults on one
 * name may overlap and be healed in any order.
 *
 * <p>Truth: the backends themselves are fine ({@code up}); a good gateway keeps serving from its last
 * good answer (stale-on-error) or follows the new record, so no health check has anything to detect.
 * The fault acts once on the pool (its context's endpoint is {@link dev.gauntlet.harness.topology.EndpointPlan#wholePool}).
 */
abstract class DnsFault implements Fault {

    private static final int ANSWER_TIMEOUT_MS = 2_000;

    protected final FaultContext ctx;
    private ScenarioDns.Zone before;

    DnsFault(FaultContext ctx) {
        this.ctx = ctx;
    }

    /** The new state, made from the current one. */
    abstract ScenarioDns.Zone apply(ScenarioDns.Zone current);

    /** The current state with this fault's aspect as it was {@code before} the inject. */
    abstract ScenarioDns.Zone restore(ScenarioDns.Zone current, ScenarioDns.Zone before);

    /** The change in words, e.g. {@code "records [127.0.0.10] -> [127.0.0.11]"}. */
    abstract String describe(ScenarioDns.Zone from, ScenarioDns.Zone to);

    @Override
    public String truth() {
        return "up";
    }

    @Override
    public String detection() {
        return "none";
    }

    DnsZonePlan zonePlan() {
        String pool = ctx.endpoint().pool();
        return ctx.runtime().topology().dnsZone(pool)
                .orElseThrow(() -> new IllegalStateException("pool " + pool + " is not found through DNS (no dns: block)"));
    }

    @Override
    public Verification inject() {
        String name = zonePlan().hostname();
        ScenarioDns dns = ctx.runtime().dns();
        before = dns.zone(name);
        ScenarioDns.Zone after = dns.update(name, this::apply);
        return verify(name, describe(before, after), after);
    }

    @Override
    public Verification heal() {
        String name = zonePlan().hostname();
        ScenarioDns dns = ctx.runtime().dns();
        ScenarioDns.Zone current = dns.zone(name);
        ScenarioDns.Zone after = dns.update(name, z -> restore(z, before));
        return verify(name, "restored " + describe(current, after), after);
    }

    private Verification verify(String name, String change, ScenarioDns.Zone expected) {
        ScenarioDns dns = ctx.runtime().dns();
        int port = dns.port();
        // an expected answer gets time on a busy box; an outage is shown by the short probe timing out
        int timeoutMs = expected.mode() == ScenarioDns.Mode.OUTAGE ? FaultContext.PROBE_TIMEOUT_MS : ANSWER_TIMEOUT_MS;
        DnsProbe.Result probe = DnsProbe.query(dns.host(), port, name, false, timeoutMs);
        long effect = ctx.nowUs(); // the answer that showed the new state came back by now
        com.fasterxml.jackson.databind.node.ObjectNode figures = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("outcome", probe.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .put("ttl_s", probe.ttlSeconds()).put("query_ms", ToxicFault.round(probe.millis()));
        probe.addresses().forEach(figures.putArray("addresses")::add);
        return Verification.of(probe.shows(expected), effect,
                name + ": " + change + "; " + probe.describe("dns " + dns.host() + ":" + port + " (udp)"), figures);
    }
}
