package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.Durations;
import dev.gauntlet.harness.scenario.YamlReader;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Duration;
import java.util.Locale;

/**
 * A fault's own settings, declared per action in the {@link FaultRegistry} and read typed. The
 * declaration validates at scenario load (one-line errors); the reading at run time cannot fail.
 */
final class FaultParams {

    enum Type { DURATION, COUNT, FRACTION, DIRECTION, PERCENT, BOOLEAN, OBJECT, TRUTH, INDICES }

    /** One declared parameter; {@code fallback} null means required. */
    record Param(String name, Type type, String fallback) {
        static Param required(String name, Type type) {
            return new Param(name, type, null);
        }

        static Param optional(String name, Type type, String fallback) {
            return new Param(name, type, fallback);
        }

        void validate(YamlReader step) {
            if (type == Type.OBJECT) {
                if (!step.has(name)) {
                    throw step.invalidField(name, "missing", rule());
                }
                step.at(name).requireObject();
                return;
            }
            if (type == Type.INDICES) {
                validateIndices(step);
                return;
            }
            String raw = step.has(name) ? step.string(name, null) : fallback;
            if (raw == null) {
                throw step.invalidField(name, "missing", rule());
            }
            if (!valid(raw)) {
                throw step.invalidField(name, raw, rule());
            }
        }

        /** A non-empty list of distinct replica indices; the scenario checks them against the pool's size. */
        private void validateIndices(YamlReader step) {
            if (!step.has(name)) {
                throw step.invalidField(name, "missing", rule());
            }
            YamlReader list = step.at(name).requireArray();
            if (list.size() == 0) {
                throw list.invalid("[]", rule());
            }
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                com.fasterxml.jackson.databind.JsonNode v = list.index(i).node();
                if (!v.isIntegralNumber() || v.asInt() < 0 || !seen.add(v.asInt())) {
                    throw list.index(i).invalid(v.asText(), rule());
                }
            }
        }

        private boolean valid(String raw) {
            try {
                return switch (type) {
                    case DURATION -> Durations.parseOrNull(raw) != null;
                    case COUNT -> Long.parseLong(raw) >= 0;
                    case FRACTION -> {
                        double v = Double.parseDouble(raw);
                        yield v >= 0 && v <= 1;
                    }
                    case PERCENT -> {
                        double v = Double.parseDouble(raw.replace("%", ""));
                        yield v >= 0 && v <= 100;
                    }
                    case DIRECTION -> raw.equals("upstream") || raw.equals("downstream");
                    case BOOLEAN -> raw.equals("true") || raw.equals("false");
                    case TRUTH -> raw.equals("degraded") || raw.equals("down") || raw.equals("up");
                    case OBJECT, INDICES -> true;
                };
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private String rule() {
            return switch (type) {
                case DURATION -> Durations.RULE;
                case COUNT -> "a whole number >= 0";
                case FRACTION -> "a number from 0 to 1";
                case PERCENT -> "a percentage from 0 to 100, like 20%";
                case DIRECTION -> "upstream or downstream";
                case BOOLEAN -> "true or false";
                case TRUTH -> "degraded, down or up";
                case OBJECT -> "a mapping (a fake-backend behaviour patch)";
                case INDICES -> "a non-empty list of distinct replica indices, like [1] or [0, 2]";
            };
        }
    }

    private final ObjectNode values;
    private final java.util.Map<String, Param> declared;

    FaultParams(ObjectNode values, java.util.List<Param> declared) {
        this.values = values;
        this.declared = new java.util.HashMap<>();
        declared.forEach(p -> this.declared.put(p.name(), p));
    }

    private String raw(String name) {
        if (values.hasNonNull(name)) {
            return values.get(name).asText();
        }
        Param p = declared.get(name);
        if (p == null || p.fallback() == null) {
            throw new IllegalArgumentException("fault parameter " + name + " is not declared with a default");
        }
        return p.fallback();
    }

    Duration duration(String name) {
        return Durations.parseOrNull(raw(name));
    }

    long count(String name) {
        return Long.parseLong(raw(name));
    }

    double percent(String name) {
        return Double.parseDouble(raw(name).replace("%", ""));
    }

    double fraction(String name) {
        return Double.parseDouble(raw(name));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(raw(name));
    }

    String text(String name) {
        return raw(name);
    }

    com.fasterxml.jackson.databind.node.ObjectNode object(String name) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) values.get(name);
    }

    /** A declared {@link Type#INDICES} parameter (required, so always present at run time). */
    java.util.List<Integer> indices(String name) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        values.path(name).forEach(v -> out.add(v.asInt()));
        return java.util.List.copyOf(out);
    }

    float toxicity() {
        return Float.parseFloat(raw("toxicity"));
    }

    ToxicDirection direction() {
        return ToxicDirection.valueOf(raw("direction").toUpperCase(Locale.ROOT));
    }
}
