package dev.gauntlet.harness.load;

import dev.gauntlet.harness.kind.AnswerLabeler;
import io.gatling.http.response.Response;
import io.gatling.javaapi.core.Session;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Labels every answer of the load with the gateway kind's {@link AnswerLabeler}, from what the gateway said:
 * status, headers and the first {@value #BODY_BYTES} body bytes of an error. Each request carries a unique
 * {@code x-request-id} (a gateway's access log can be joined on it); Gatling hands the answer to
 * {@link #label} before its checks, and the record of that request takes its flags with {@link #take}.
 *
 * <pre>{@code
 * AnswerLabels.use(kind.labeler());        // before the load starts (LoadRunner)
 * http("request").get(path).header(AnswerLabels.REQUEST_ID, "#{rid}").transformResponse(AnswerLabels::label)
 * String flags = AnswerLabels.take(session.getString("rid"));
 * }</pre>
 */
public final class AnswerLabels {

    public static final String REQUEST_ID = "x-request-id";
    static final int BODY_BYTES = 512;

    private static volatile AnswerLabeler labeler = AnswerLabeler.fromHeader("x-gauntlet-flags");
    private static final Map<String, String> FLAGS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static volatile String prefix = Long.toString(System.currentTimeMillis(), 36);

    private AnswerLabels() {
    }

    /** The labeler of this run's gateway kind; forgets any label of an earlier run. */
    public static void use(AnswerLabeler kindLabeler) {
        labeler = kindLabeler;
        FLAGS.clear();
        prefix = Long.toString(System.currentTimeMillis(), 36);
    }

    /** A request id unique in this harness process, e.g. {@code gx1k2m-42}. */
    public static String nextId() {
        return "g" + prefix + "-" + NEXT.incrementAndGet();
    }

    /** Gatling's response transformer: labels the answer, keeps the label under its request id, changes nothing. */
    public static Response label(Response response, Session session) {
        String id = response.request().getHeaders().get(REQUEST_ID);
        if (id != null) {
            byte[] body = response.status().code() >= 400 ? response.body().bytes() : new byte[0];
            String flags = labeler.flags(answer(response.status().code(), response.headers(), body));
            if (flags != null) {
                FLAGS.put(id, flags);
            }
        }
        return response;
    }

    /** The flags of request {@code id}'s answer (null: none, or no answer), removed once taken. */
    public static String take(String id) {
        return id == null ? null : FLAGS.remove(id);
    }

    /** What the labeler is given: lower-case header names, and the body only for errors, cut at 512 bytes. */
    static AnswerLabeler.Answer answer(int status, HttpHeaders headers, byte[] body) {
        Map<String, String> h = new TreeMap<>();
        headers.forEach(e -> h.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + ", " + b));
        String text = status >= 400 ? new String(Arrays.copyOf(body, Math.min(body.length, BODY_BYTES)),
                StandardCharsets.UTF_8) : "";
        return new AnswerLabeler.Answer(status, h, text);
    }
}
