package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pool's {@code dns:} block into a {@link DnsSpec}, and checks that every DNS fault aims at a
 * whole pool that has one. Kept apart from {@link ScenarioLoader} so the loader stays one page.
 *
 * <pre>{@code
 * DnsSpec dns = DnsSpecReader.read(pool.at("dns"), replicas, namesSoFar);   // null when absent
 * DnsSpecReader.checkFaults(root, pools, steps);
 * }</pre>
 */
final class DnsSpecReader {

    static final Set<String> FIELDS = Set.of("name", "ttl", "records");
    /**
     * Fault actions that act on a pool's DNS name all start with this (the fault registry's
     * {@code actsOnPool} uses the same convention), so the scenario package needs no fault types.
     */
    static final String FAULT_PREFIX = "dns_";
    private static final Pattern NAME = Pattern.compile(
            "(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Duration MAX_TTL = Duration.ofHours(24);
    private static final String TTL_RULE = "whole seconds from 0s to 24h, like 5s or 1m";

    private DnsSpecReader() {
    }

    /** The pool's DNS settings, or null when it has no {@code dns:} block. */
    static DnsSpec read(YamlReader dns, int replicas, Set<String> namesSoFar) {
        if (dns.isMissing()) {
            return null;
        }
        dns.requireObject().onlyFields(FIELDS);
        String name = dns.string("name", null).trim();
        if (!NAME.matcher(name).matches()) {
            throw dns.invalidField("name", name, "a lower-case DNS name with at least two labels, like api.gauntlet.test");
        }
        if (!namesSoFar.add(name)) {
            throw dns.invalidField("name", name, "a name no other pool uses");
        }
        Duration ttl = dns.duration("ttl", DnsSpec.DEFAULT_TTL, Duration.ZERO);
        if (ttl.toNanos() % 1_000_000_000L != 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw dns.invalidField("ttl", dns.string("ttl", ""), TTL_RULE);
        }
        return new DnsSpec(name, ttl, records(dns.at("records"), replicas));
    }

    private static List<Integer> records(YamlReader list, int replicas) {
        List<Integer> out = new ArrayList<>();
        if (list.isMissing()) {
            for (int k = 0; k < replicas; k++) {
                out.add(k);
            }
            return out;
        }
        String rule = "replica indices from 0 to " + (replicas - 1) + ", each once";
        list.requireArray();
        if (list.size() == 0) {
            throw list.invalid("[]", "at least one replica: the gateway starts from this answer");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.index(i).node();
            if (v == null || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= replicas || out.contains(v.asInt())) {
                throw list.index(i).invalid(YamlReader.show(v), rule);
            }
            out.add(v.asInt());
        }
        return out;
    }

    /**
     * DNS faults change a name, not a replica: each must target a whole pool that has {@code dns:}, and
     * {@code dns_change}'s {@code records} must be that pool's replica indices.
     */
    static void checkFaults(YamlReader root, List<BackendPool> pools, List<FaultStep> steps) {
        for (FaultStep step : steps) {
            if (step.action() == null || !step.action().startsWith(FAULT_PREFIX)) {
                continue;
            }
            YamlReader at = stepReader(root, step);
            BackendPool pool = pools.stream().filter(p -> p.pool().equals(step.pool())).findFirst().orElse(null);
            String target = at.has("target") ? at.string("target", "") : step.pool();
            if (pool == null || !pool.usesDns()) {
                throw at.invalidField("target", target, "a pool with a dns: block ("
                        + String.join(", ", pools.stream().filter(BackendPool::usesDns).map(BackendPool::pool).toList())
                        + ")");
            }
            if (step.targets().size() != pool.replicas()) {
                throw at.invalidField("target", target, "the whole pool, like " + pool.pool()
                        + " (a DNS fault changes the pool's name, not one replica)");
            }
            JsonNode records = step.params().path("records");
            for (int i = 0; i < records.size(); i++) {
                int k = records.get(i).asInt();
                if (k >= pool.replicas()) {
                    throw at.at("records").index(i).invalid(String.valueOf(k),
                            "replica indices from 0 to " + (pool.replicas() - 1));
                }
            }
        }
    }

    /** The step's own YAML when it came from {@code faults}; otherwise the nemesis block that drew it. */
    private static YamlReader stepReader(YamlReader root, FaultStep step) {
        YamlReader faults = root.at("faults");
        if (step.index() < faults.size()) {
            YamlReader s = faults.index(step.index());
            if (step.action().equals(s.node().path("action").asText())) {
                return s;
            }
        }
        return root.at("nemesis");
    }
}
