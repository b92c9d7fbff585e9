package dev.gauntlet.harness.kind;

import dev.gauntlet.report.run.ViewEvent;

/**
 * Where a {@link ViewSource} puts what it reads: each endpoint's snapshot and every transition, and the gaps
 * in which it could not see. Thread-safe; writes {@code view.jsonl}.
 */
public interface ViewSink {

    /** A snapshot (reason {@code snapshot}) or a transition, stamped as close to the source as the gateway allows. */
    void accept(ViewEvent event);

    /** The view could not be read from {@code fromUs} (e.g. the stream dropped) until the next snapshot. */
    void gap(long fromUs, String why);
}
