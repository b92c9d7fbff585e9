package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pool of identical fake backends.
 *
 * @param behaviour the fake backend's behaviour document, passed to each replica as it is
 */
public record BackendPool(String pool, int replicas, ObjectNode behaviour) {
}
