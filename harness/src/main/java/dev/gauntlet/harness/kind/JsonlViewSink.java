package dev.gauntlet.harness.kind;

import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.ViewEvent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's {@link ViewSink}: every event a line of {@code view.jsonl}, flushed at once (a view event is rare
 * and must survive a killed harness), and a lost view as the agreed gap line
 * {@code {"t_us":..,"cluster":..,"endpoint":"*","state":"gap","usable":false,"flags":[],"reason":"view_gap","detail":..}}.
 *
 * <pre>{@code
 * try (JsonlViewSink sink = new JsonlViewSink(runDir.resolve("view.jsonl"), "api")) {
 *     ViewSource view = kind.observe(gateway, launch, sink);
 * }
 * }</pre>
 */
public final class JsonlViewSink implements ViewSink, AutoCloseable {

    private final JsonlWriter out;
    private final String cluster;

    /** @param cluster the cluster a gap line names: the one the run scores */
    public JsonlViewSink(Path file, String cluster) {
        this.out = new JsonlWriter(file, 1);
        this.cluster = cluster;
    }

    @Override
    public void accept(ViewEvent event) {
        out.write(event);
    }

    @Override
    public void gap(long fromUs, String why) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t_us", fromUs);
        line.put("cluster", cluster);
        line.put("endpoint", "*");
        line.put("state", "gap");
        line.put("usable", false);
        line.put("flags", List.of());
        line.put("reason", "view_gap");
        line.put("detail", why);
        out.write(line);
    }

    @Override
    public void close() {
        out.close();
    }
}
