package dev.gauntlet.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.GatewayKinds;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a gateway kind's labeler is given from an answer, and the labels it gives back. */
class AnswerLabelsTest {

    private static final String HAPROXY_503 = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n";

    @Test
    void anErrorsBodyIsGivenUpTo512BytesAndHeaderNamesInLowerCase() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Content-Type", "text/html").add("X-Gauntlet-Flags", "UH");
        byte[] body = "x".repeat(2000).getBytes(StandardCharsets.UTF_8);
        AnswerLabeler.Answer a = AnswerLabels.answer(503, headers, body);
        assertThat(a.body()).as("cut at 512 bytes").hasSize(512);
        assertThat(a.headers()).as("lower-case names").containsEntry("content-type", "text/html")
                .containsEntry("x-gauntlet-flags", "UH");
    }

    @Test
    void aSuccessCarriesNoBody() {
        assertThat(AnswerLabels.answer(200, new DefaultHttpHeaders(), "ok".getBytes(StandardCharsets.UTF_8)).body())
                .as("bodies of successes are not kept").isEmpty();
    }

    @Test
    void theBuiltinKindLabelsFromItsHeaderAndNothingElse() {
        AnswerLabeler builtin = GatewayKinds.builtin().labeler();
        assertThat(builtin.flags(AnswerLabels.answer(503, new DefaultHttpHeaders().add("x-gauntlet-flags", "UH"), new byte[0])))
                .as("our gateway's header").isEqualTo("UH");
        assertThat(builtin.flags(AnswerLabels.answer(503, new DefaultHttpHeaders(), HAPROXY_503.getBytes(StandardCharsets.UTF_8))))
                .as("a 503 without the header: a backend's own answer, no gateway cause").isNull();
    }

    @Test
    void aBodyLabelerSeesTheErrorText() {
        AnswerLabeler haproxyLike = a -> a.status() == 503 && a.body().contains("No server is available") ? "UH" : null;
        assertThat(haproxyLike.flags(AnswerLabels.answer(503, new DefaultHttpHeaders(), HAPROXY_503.getBytes(StandardCharsets.UTF_8))))
                .as("labelled from the body").isEqualTo("UH");
    }

    @Test
    void requestIdsAreUnique() {
        assertThat(AnswerLabels.nextId()).as("two ids").isNotEqualTo(AnswerLabels.nextId());
    }

    @Test
    void aLabelIsTakenOnceAndForgottenByTheNextRun() {
        assertThat(AnswerLabels.take("never-sent")).as("no answer, no label").isNull();
        assertThat(AnswerLabels.take(null)).as("no id").isNull();
    }
}
