package dev.gauntlet.report.run;

/**
 * One backend instance as the topology placed it.
 *
 * @param id           the backend's id, also its {@code x-backend-id} and its name in the gateway view ({@code api-0})
 * @param pool         the pool it belongs to ({@code api})
 * @param index        index inside the pool ({@code api[0]})
 * @param address      where the backend itself listens ({@code 127.0.0.1:41001})
 * @param gatewayAddress where the gateway reaches it (its Toxiproxy proxy listen address)
 */
public record EndpointInfo(String id, String pool, int index, String address, String gatewayAddress) {
}
