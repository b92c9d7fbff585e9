package dev.gauntlet.harness.diagnose;

/**
 * Why a gateway had no usable endpoint, or why clients failed while it had one: the guide's causes
 * ({@code ../shared/seed/}, chapter 2, and 4.3 for breakers, retries and panic), one closed set shared by the
 * after-run diagnosis and {@code ./run.sh diagnose}.
 *
 * <pre>{@code
 * Finding f = Finding.of(Cause.HEALTH_CHECK_AUTH, "healthCheck.expectedStatuses", change, evidence);
 * f.cause().guideSection();   // "2.4"
 * }</pre>
 */
public enum Cause {
    BACKEND_DOWN("2.1", "the backend process is down or not listening"),
    BACKEND_ERRORS("2.1", "the backend answers 5xx on its data path"),
    BACKEND_SLOW("2.1", "the backend answers too slowly (resource exhaustion)"),
    FIREWALL_DROP("2.2", "packets to the backend are dropped (connects time out)"),
    FIREWALL_REJECT("2.2", "connections to the backend are rejected by a firewall"),
    PACKET_LOSS("2.2", "packet loss or latency on the path makes checks and requests time out"),
    DNS_NXDOMAIN("2.2", "the backend's hostname does not resolve (NXDOMAIN)"),
    DNS_SERVER_DOWN("2.2", "the DNS server does not answer (timeout or SERVFAIL)"),
    DNS_STALE("2.2", "the gateway uses an address DNS no longer gives (cached past a change)"),
    WRONG_ADDRESS("2.3", "the gateway's upstream address or port is not where the backend listens"),
    MISSING_ROUTE("2.3", "a route points at no cluster, or at a cluster that does not exist"),
    TLS_UNTRUSTED("2.3", "the upstream's certificate is not trusted by the gateway (or expired, or the wrong name)"),
    TLS_MISMATCH("2.3", "TLS is spoken to a plain endpoint, or plain HTTP to a TLS endpoint"),
    ZERO_WEIGHTS("2.3", "every endpoint has weight 0"),
    HEALTH_WRONG_PATH("2.4", "the health check asks a path the backend does not serve"),
    HEALTH_AUTH("2.4", "the health endpoint demands credentials the check does not send"),
    HEALTH_STATUS("2.4", "the health endpoint answers a status the check does not accept while the data path works"),
    HEALTH_TIMEOUT("2.4", "the health endpoint answers slower than the check's timeout"),
    OUTLIER_EMPTIED("2.4", "passive outlier detection ejected endpoints that were up (max ejection percent too high)"),
    GATEWAY_EXHAUSTION("2.5", "the gateway ran out of file descriptors, memory or CPU"),
    OVERLOAD("2.6", "offered load exceeded what the backends or the gateway could serve"),
    BREAKER_OVERFLOW("4.3", "a circuit breaker was full, so requests were refused (503 UO)"),
    RETRY_BUDGET("4.3", "retries were exhausted or held back by the retry budget"),
    PANIC_ROUTING("4.3", "usable endpoints fell below the panic threshold, so traffic spread over bad endpoints"),
    SLOW_DETECTION("2.4", "health checking took longer than its settings allow to remove a dead endpoint"),
    SLOW_ENDPOINT_KEPT("4.3", "a slow endpoint stayed in rotation (no timeout or outlier setting removes it)");

    private final String guideSection;
    private final String summary;

    Cause(String guideSection, String summary) {
        this.guideSection = guideSection;
        this.summary = summary;
    }

    /** The guide's section, e.g. {@code 2.4}. */
    public String guideSection() {
        return guideSection;
    }

    /** One line saying what the cause is, in the guide's terms. */
    public String summary() {
        return summary;
    }

    /** As written in JSON and reports: {@code health_auth}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
