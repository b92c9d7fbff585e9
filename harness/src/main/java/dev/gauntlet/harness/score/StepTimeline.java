package dev.gauntlet.harness.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A value that changes at instants (epoch microseconds): one endpoint's truth or its usable flag.
 *
 * <p>The value at {@code t} is the one set by the last change at or before {@code t}, else the initial
 * value. Changes at the same instant apply in the order they were added (file order).
 */
final class StepTimeline<T> {

    private record Change<T>(long tUs, T value) {
    }

    private final T initial;
    private final List<Change<T>> changes;

    private StepTimeline(T initial, List<Change<T>> changes) {
        this.initial = initial;
        this.changes = changes;
    }

    static <T> Builder<T> startingAt(T initial) {
        return new Builder<>(initial);
    }

    T at(long tUs) {
        T value = initial;
        for (Change<T> c : changes) {
            if (c.tUs() > tUs) {
                break;
            }
            value = c.value();
        }
        return value;
    }

    /** The first instant in {@code (afterUs, untilUs]} at which a change sets {@code value}, or null. */
    Long firstChangeTo(T value, long afterUs, long untilUs) {
        for (Change<T> c : changes) {
            if (c.tUs() > afterUs && c.tUs() <= untilUs && Objects.equals(c.value(), value)) {
                return c.tUs();
            }
        }
        return null;
    }

    List<Long> changeTimes() {
        return changes.stream().map(Change::tUs).toList();
    }

    /** Collects changes in any order; {@link #build()} sorts them by time, keeping file order for ties. */
    static final class Builder<T> {
        private T initial;
        private final List<Change<T>> changes = new ArrayList<>();

        private Builder(T initial) {
            this.initial = initial;
        }

        Builder<T> initial(T value) {
            this.initial = value;
            return this;
        }

        boolean hasChanges() {
            return !changes.isEmpty();
        }

        Builder<T> change(long tUs, T value) {
            changes.add(new Change<>(tUs, value));
            return this;
        }

        StepTimeline<T> build() {
            List<Change<T>> sorted = new ArrayList<>(changes);
            sorted.sort(Comparator.comparingLong(Change::tUs));
            return new StepTimeline<>(initial, List.copyOf(sorted));
        }
    }
}
