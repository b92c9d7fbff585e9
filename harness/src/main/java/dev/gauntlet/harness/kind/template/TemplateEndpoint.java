package dev.gauntlet.harness.kind.template;

/**
 * One endpoint of a cluster as a template sees it: {@code {{ .name }}}, {@code {{ .host }}}, {@code {{ .port }}},
 * {@code {{ .address }}} ({@code host:port}) and {@code {{ .weight }}} inside {@code {{ each backends.<cluster> }}}.
 *
 * <pre>{@code new TemplateEndpoint("api-0", "127.0.0.1", 41001, 1).address()   // "127.0.0.1:41001"}</pre>
 *
 * @param name   the topology's endpoint id ({@code api-0}), which the gateway's view must name it by
 * @param host   the address the gateway reaches (its Toxiproxy proxy)
 * @param port   that proxy's port
 * @param weight the topology's weight (1 unless {@code gateway.config.weights} said otherwise)
 */
public record TemplateEndpoint(String name, String host, int port, int weight) {

    public String address() {
        return host + ":" + port;
    }

    /** The value of {@code {{ .field }}}, or null for a field endpoints do not have. */
    String field(String field) {
        return switch (field) {
            case "name" -> name;
            case "host" -> host;
            case "port" -> String.valueOf(port);
            case "address" -> address();
            case "weight" -> String.valueOf(weight);
            default -> null;
        };
    }
}
