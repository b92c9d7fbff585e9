package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import org.junit.jupiter.api.Test;

/** Lines as HAProxy 2.6.12 sent them to a UDP socket on this machine (format rfc5424). */
class HaproxyLogLineTest {

    static final String DOWN_500 = "<129>1 2026-12-04T16:16:49.161806+00:00 - haproxy 18092 - - Server api/api-0 is DOWN,"
            + " reason: Layer7 wrong status, code: 500, info: \"X\", check duration: 0ms. 1 active and 0 backup servers"
            + " left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    static final String DOWN_TIMEOUT = "<129>1 2026-12-04T16:16:51.663874+00:00 - haproxy 18092 - - Server api/api-1 is DOWN,"
            + " reason: Layer7 timeout, check duration: 501ms. 0 active and 0 backup servers left. 0 sessions active,"
            + " 0 requeued, 0 remaining in queue.";
    static final String DOWN_REFUSED = "<129>1 2026-12-04T16:16:20.740978+00:00 - haproxy 17671 - - Server api/api-0 is DOWN,"
            + " reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 1 active and 0"
            + " backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.";
    static final String UP = "<133>1 2026-12-04T16:16:54.169716+00:00 - haproxy 18092 - - Server api/api-0 is UP, reason:"
            + " Layer7 check passed, code: 200, check duration: 1ms. 2 active and 0 backup servers online. 0 sessions"
            + " requeued, 0 total in queue.";

    @Test
    void aDownLineCarriesItsOwnMicrosecondStampAndTheCheckThatFailed() {
        HaproxyLogLine l = HaproxyLogLine.parse(DOWN_500, 1L).orElseThrow();
        assertThat(l.tUs()).as("the message's own stamp, not the receipt time").isEqualTo(dev.gauntlet.harness.fault.Micros.fromEpochUs(1_796_401_009_161_806L));
        assertThat(l.stamped()).as("stamped by haproxy").isTrue();
        assertThat(l.backend()).as("backend").isEqualTo("api");
        assertThat(l.server()).as("server").isEqualTo("api-0");
        assertThat(l.up()).as("down").isFalse();
        assertThat(l.mechanism()).as("mechanism").isEqualTo(Mechanism.ACTIVE_CHECK);
        assertThat(l.detail()).as("detail").isEqualTo("status 500");
        assertThat(l.reason()).as("reason").isEqualTo("active_hc_failed");
    }

    @Test
    void refusedAndTimedOutChecksAreNamed() {
        assertThat(HaproxyLogLine.parse(DOWN_REFUSED, 1L).orElseThrow().detail()).as("refused").isEqualTo("refused");
        assertThat(HaproxyLogLine.parse(DOWN_TIMEOUT, 1L).orElseThrow().detail()).as("timeout").isEqualTo("timeout");
    }

    @Test
    void anUpLineMakesTheServerUsable() {
        HaproxyLogLine l = HaproxyLogLine.parse(UP, 1L).orElseThrow();
        assertThat(l.up()).as("up").isTrue();
        assertThat(l.state()).as("state").isEqualTo("healthy");
        assertThat(l.reason()).as("reason").isEqualTo("active_hc_passed");
        assertThat(l.detail()).as("detail").isEqualTo("passed");
    }

    @Test
    void otherLinesAreNotStateChangesAndAnUnstampedLineKeepsTheReceiptTime() {
        assertThat(HaproxyLogLine.parse("<128>1 2026-12-04T16:16:21.239966+00:00 - haproxy 1 - - backend api has no server available!", 1L))
                .as("not a server line").isEmpty();
        HaproxyLogLine l = HaproxyLogLine.parse("<129>Dec  4 16:16:49 haproxy[1]: Server api/api-0 is DOWN, reason: Layer4 timeout, check duration: 1000ms.", 42L).orElseThrow();
        assertThat(l.tUs()).as("receipt time").isEqualTo(42L);
        assertThat(l.stamped()).as("not stamped").isFalse();
    }

    @Test
    void maintenanceIsAConfigChange() {
        HaproxyLogLine l = HaproxyLogLine.parse("<129>1 2026-12-04T16:16:49.161806+00:00 - haproxy 1 - - Server api/api-0 is going DOWN for maintenance. 2 active and 0 backup servers left.", 1L).orElseThrow();
        assertThat(l.mechanism()).as("config").isEqualTo(Mechanism.CONFIG);
        assertThat(l.up()).as("down").isFalse();
    }

    @Test
    void withLogHealthChecksTheReasonComesFromTheCheckLineBefore() {
        String check = "<133>1 2026-12-04T16:16:20.740884+00:00 - haproxy 17671 - - Health check for server api/api-0 failed,"
                + " reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms, status: 0/2 DOWN.";
        assertThat(HaproxyLogLine.parseCheck(check).orElseThrow()).as("server and detail")
                .isEqualTo(java.util.Map.entry("api/api-0", "refused"));
        HaproxyLogLine down = HaproxyLogLine.parse("<129>1 2026-12-04T16:16:20.740978+00:00 - haproxy 17671 - - Server api/api-0"
                + " is DOWN. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.", 1L).orElseThrow();
        assertThat(down.detail()).as("no reason on the DOWN line itself").isNull();
        assertThat(down.mechanism()).as("a check moved it").isEqualTo(Mechanism.ACTIVE_CHECK);
        assertThat(HaproxyLogLine.parse(check, 1L)).as("a check line is no state change").isEmpty();
    }
}
