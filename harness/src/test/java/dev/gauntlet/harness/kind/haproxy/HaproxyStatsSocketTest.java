package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyStatsSocketTest {

    /** 'show servers state' from HAProxy 2.6.12 on this machine, api-1 edited to DOWN (op state 0). */
    static final String STATE = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
            3 api 1 api-0 127.0.0.1 2 0 1 1 4 15 3 4 6 0 0 0 - 45517 - 0 0 - - 0
            3 api 2 api-1 127.0.0.1 0 0 1 1 4 15 3 0 6 0 0 0 - 45518 - 0 0 - - 0

            """;

    @Test
    void serversAreReadByColumnName() throws IOException {
        List<HaproxyStatsSocket.ServerState> s = HaproxyStatsSocket.parseServersState(STATE);
        assertThat(s).as("two servers").hasSize(2);
        assertThat(s.get(0).backend()).as("backend").isEqualTo("api");
        assertThat(s.get(0).server()).as("server").isEqualTo("api-0");
        assertThat(s.get(0).usable()).as("running").isTrue();
        assertThat(s.get(0).checkHealth()).as("full health = rise + fall - 1").isEqualTo(4);
        assertThat(s.get(1).usable()).as("stopped").isFalse();
    }

    @Test
    void anAnswerThatIsNoStateTableIsAnError() {
        assertThatThrownBy(() -> HaproxyStatsSocket.parseServersState("Unknown command.\n"))
                .as("not a table").isInstanceOf(IOException.class);
    }
}
