package dev.gauntlet.gateway.proxy;

import io.undertow.util.HttpString;

/**
 * Response flags in {@code x-gauntlet-flags} (Envoy's names): one flag per answer, naming why the
 * gateway answered itself or gave up.
 *
 * <pre>{@code exchange.getResponseHeaders().put(Flags.HEADER, Flags.UH);}</pre>
 */
public final class Flags {
    public static final HttpString HEADER = new HttpString("x-gauntlet-flags");
    /** No healthy upstream. */
    public static final String UH = "UH";
    /** Upstream connection failure (connect failed or connection reset before a response). */
    public static final String UF = "UF";
    /** Upstream overflow (a circuit breaker is open). */
    public static final String UO = "UO";
    /** Upstream request timeout. */
    public static final String UT = "UT";
    /** Upstream retry limit exceeded: the 5xx answer passed on came after every allowed retry. */
    public static final String URX = "URX";
    /** No route. */
    public static final String NR = "NR";

    private Flags() {
    }
}
