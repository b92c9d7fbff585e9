package dev.gauntlet.harness.scenario;

import java.util.Locale;

/**
 * Which connections the virtual users' requests travel on.
 *
 * <ul>
 *   <li>{@code per_request}: every request on a new connection, closed after its answer ({@code Connection: close});
 *   <li>{@code per_user}: Gatling's default, each virtual user its own connections; in the open model and in
 *       Gatling's closed model a virtual user sends one request, so this is a new connection per arrival too, closed
 *       by the client when the user ends (the independent-clients model; today's behaviour, so the default);
 *   <li>{@code shared}: Gatling's {@code shareConnections()}, one keep-alive pool for all users, like a service
 *       calling through a connection pool.
 * </ul>
 * <pre>{@code
 * ConnectionMode.byWord("shared").word(); // "shared"
 * }</pre>
 */
public enum ConnectionMode {
    PER_REQUEST, PER_USER, SHARED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectionMode byWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
