package dev.gauntlet.harness.scenario;

import java.util.Locale;

/**
 * How arrivals are made: Gatling's open injection (arrivals on a schedule, whatever the answers) or its closed
 * injection (a number of concurrent users, each sending its next request only after its answer and think time).
 *
 * <pre>{@code
 * LoadModel m = LoadModel.byWord("closed"); // CLOSED; m.word() = "closed"
 * }</pre>
 * The closed model hides latency under overload: a slow gateway slows the arrivals down (coordinated omission).
 */
public enum LoadModel {
    OPEN, CLOSED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoadModel byWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
