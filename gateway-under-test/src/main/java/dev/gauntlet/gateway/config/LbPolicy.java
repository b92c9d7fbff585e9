package dev.gauntlet.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a cluster picks among its usable endpoints. {@code round_robin} and {@code weighted_round_robin}
 * are the same: nginx's smooth weighted round robin (equal weights = strict turns; Envoy's round_robin
 * is weighted too); {@code least_request} is Envoy's power of two choices on requests in flight divided
 * by weight; {@code random} picks in proportion to weight. Weight 0 is never picked.
 *
 * <pre>{@code LbPolicy.parse("least_request", "loadBalancing")}</pre>
 */
public enum LbPolicy {
    ROUND_ROBIN, WEIGHTED_ROUND_ROBIN, LEAST_REQUEST, RANDOM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LbPolicy parse(String text, String path) {
        for (LbPolicy p : values()) {
            if (p.id().equals(text)) {
                return p;
            }
        }
        throw new ConfigInvalidException(path, text,
                Arrays.stream(values()).map(LbPolicy::id).collect(Collectors.joining(" | ")));
    }
}
