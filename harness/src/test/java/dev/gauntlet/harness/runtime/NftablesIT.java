package dev.gauntlet.harness.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/** The run's table held by a real {@code nft -i}: owned, changed only through it, gone when it goes. */
class NftablesIT {

    @TempDir
    Path runDir;

    @BeforeEach
    void needsNft() {
        Assumptions.assumeTrue(Nftables.unavailableReason() == null, "nftables unavailable: " + Nftables.unavailableReason());
    }

    @Test
    void tableIsOwnedByItsNftChildAndDiesWhenThatChildIsKilled() throws Exception {
        Nftables nft = Nftables.forRun("it_owner_" + ProcessHandle.current().pid(), runDir);
        nft.addChain("f1", List.of("tcp dport 9 drop"));

        assertThat(nft("list", "table", "inet", nft.table())).as("the table holds the rule")
                .contains("flags owner").contains("tcp dport 9 drop");
        assertThat(nft("add", "rule", "inet", nft.table(), "f1", "tcp", "dport", "10", "drop"))
                .as("no other process may change an owned table").contains("Operation not permitted");

        ProcessHandle.of(nft.holderPid()).orElseThrow().destroyForcibly(); // as if the harness died with it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(nft("list", "tables")).as("the kernel dropped the owned table").doesNotContain(nft.table()));
    }

    @Test
    void aBadRuleFailsWithNftsOwnErrorAndTheSessionGoesOn() throws Exception {
        Nftables nft = Nftables.forRun("it_bad_" + ProcessHandle.current().pid(), runDir);
        try {
            assertThatThrownBy(() -> nft.addChain("f1", List.of("tcp dport nosuchservice drop")))
                    .as("nft's error is the exception's message").hasMessageContaining("nosuchservice")
                    .hasMessageContaining("Error:");
            nft.addChain("f2", List.of("tcp dport 11 drop"));
            nft.deleteChain("f2");
            assertThat(nft("list", "table", "inet", nft.table())).as("chain f2 deleted through the session")
                    .doesNotContain("f2");
        } finally {
            nft.deleteTable();
        }
        assertThat(nft("list", "tables")).doesNotContain(nft.table());
    }

    @Test
    void aLeftoverTableOfAnOlderHarnessIsStillReaped() throws Exception {
        String old = "gauntlet_it_old_" + ProcessHandle.current().pid();
        nft("add", "table", "inet", old); // no owner flag: what a harness before the owner flag left
        Files.writeString(runDir.resolve(Nftables.RECORD), old + "\n");

        assertThat(Nftables.reap(runDir)).as("reaped").containsExactly("nft table " + old);
        assertThat(nft("list", "tables")).doesNotContain(old);
    }

    private static String nft(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
