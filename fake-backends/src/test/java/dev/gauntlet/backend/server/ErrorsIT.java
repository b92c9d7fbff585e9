package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsIT {
    @Test
    void errorRateFailsThatShareOfRequestsWithTheConfiguredStatusAndBody() throws Exception {
        try (BackendFixture b = BackendFixture.start(
                "{\"seed\":3,\"errors\":{\"rate\":0.2,\"status\":503,\"body\":\"boom\"}}")) {
            int failures = 0;
            String body = null;
            for (int i = 0; i < 1000; i++) {
                var r = b.get("/x");
                if (r.statusCode() == 503) {
                    failures++;
                    body = r.body();
                } else {
                    assertThat(r.statusCode()).as("a request that is not an injected error").isEqualTo(200);
                }
            }
            System.out.printf("error rate 0.2 over 1000 requests: %d failed%n", failures);
            assertThat(failures).as("injected 503s out of 1000 at rate 0.2").isBetween(160, 240);
            assertThat(body).as("injected error body").isEqualTo("boom");
        }
    }

    @Test
    void everyNthFailsExactlyRequestsNTwoNThreeN() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"errors\":{\"everyNth\":4,\"status\":429}}")) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                statuses.add(b.get("/x").statusCode());
            }
            assertThat(statuses).as("statuses of 12 requests with everyNth 4")
                    .containsExactly(200, 200, 200, 429, 200, 200, 200, 429, 200, 200, 200, 429);
        }
    }

    @Test
    void errorsCanBeSwitchedOnAndOffAtRunTime() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            assertThat(b.get("/x").statusCode()).as("before").isEqualTo(200);
            b.put("{\"errors\":{\"rate\":1.0,\"status\":502}}");
            assertThat(b.get("/x").statusCode()).as("with rate 1.0").isEqualTo(502);
            b.put("{\"errors\":{\"rate\":0}}");
            assertThat(b.get("/x").statusCode()).as("after switching off").isEqualTo(200);
        }
    }
}
