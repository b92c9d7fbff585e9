package dev.gauntlet.harness.kind.envoy;

import dev.gauntlet.harness.kind.AnswerLabeler;
import java.util.List;
import java.util.Set;

/**
 * Envoy's {@code %RESPONSE_FLAGS%} (put in {@code x-gauntlet-flags} by the bootstrap) as our one cause flag.
 * Envoy may set several ({@code UF,URX}: the connect failed and the retries ran out); ours names the cause,
 * so the first of this order wins: UH, NR, UT, UF, UO, URX. UO comes after UT and UF because Envoy's router also
 * sets it when a retry is refused by the retry budget ({@code RetryStatus::NoOverflow} in {@code router.cc}),
 * beside the try's own failure; ours then reports that failure (the retry is "simply not made"). UO alone is
 * a full breaker, as ours. Envoy's resets before the answer ({@code UR},
 * {@code UC}, {@code LR}) are our UF ("connect failure or reset before headers"). Envoy's {@code -} and flags
 * that say nothing about the upstream (e.g. {@code DC}, the client went away) are no gateway cause: null.
 * With panic routing (healthy share below {@code healthy_panic_threshold}) Envoy answers from dead hosts with
 * UF/URX rather than UH, and those are labelled as such: that is what Envoy did.
 *
 * <pre>{@code
 * new EnvoyLabeler().flags(new Answer(503, Map.of("x-gauntlet-flags", "UF,URX"), ""));   // "UF"
 * }</pre>
 */
final class EnvoyLabeler implements AnswerLabeler {

    private static final List<String> ORDER = List.of("UH", "NR", "UT", "UF", "UO", "URX");
    private static final Set<String> RESETS = Set.of("UR", "UC", "LR");

    @Override
    public String flags(Answer answer) {
        String raw = answer.headers().get(EnvoyBootstrap.FLAGS_HEADER);
        if (raw == null || raw.isBlank() || raw.strip().equals("-")) {
            return null;
        }
        Set<String> set = new java.util.HashSet<>();
        for (String f : raw.split(",")) {
            String flag = f.strip();
            set.add(RESETS.contains(flag) ? "UF" : flag);
        }
        return ORDER.stream().filter(set::contains).findFirst().orElse(null);
    }
}
