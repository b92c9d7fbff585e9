package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway a scenario runs against.
 *
 * <pre>{@code
 * gateway: { kind: builtin, openFilesLimit: 256, config: { healthCheck: { interval: 1s } } }
 * }</pre>
 *
 * @param kind           builtin (our gateway core); later: haproxy, nginx, external
 * @param cluster        cluster-level settings (healthCheck, retry, loadBalancing, ...) merged into the
 *                       cluster the topology generates; validated by the gateway itself at start
 * @param openFilesLimit the gateway process's open-files limit (soft and hard), set once it is ready, to
 *                       reproduce a gateway short of file descriptors; 0 leaves the limit alone
 * @param nativeTemplate the user's own native config ({@code gateway.native}), rendered in place of the translated
 *                       one; null when the scenario uses {@code gateway.config}
 */
public record GatewaySettings(String kind, ObjectNode cluster, int openFilesLimit,
                              dev.gauntlet.harness.kind.template.NativeTemplateSpec nativeTemplate) {

    /** The fewest open files a gateway JVM can run with at all (its jars, epoll, pipes and listeners). */
    public static final int MIN_OPEN_FILES = 64;
    public static final int MAX_OPEN_FILES = 1_048_576;

    public GatewaySettings(String kind, ObjectNode cluster) {
        this(kind, cluster, 0);
    }

    /** Settings translated from {@code gateway.config} (no native template). */
    public GatewaySettings(String kind, ObjectNode cluster, int openFilesLimit) {
        this(kind, cluster, openFilesLimit, null);
    }

    /** The kind that runs: the registered one, or it rendering the user's own file ({@code gateway.native}). */
    public dev.gauntlet.harness.kind.GatewayKind gatewayKind() {
        return dev.gauntlet.harness.kind.template.NativeTemplateKind.resolve(kind, nativeTemplate);
    }
}
