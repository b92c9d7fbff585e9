package dev.gauntlet.harness.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The run network's subnet never overlaps a route of the host (and so no other Docker network). */
class RunNetworkTest {

    private static long ip(int a, int b, int c, int d) {
        return ((long) a << 24) | ((long) b << 16) | ((long) c << 8) | d;
    }

    @Test
    void skipsEverySlash24ARouteOverlapsButNotForTheDefaultRoute() {
        List<long[]> routes = List.of(
                new long[] {0, 0},                                   // default route: conflicts with nothing
                new long[] {ip(10, 213, 5, 0), ip(255, 255, 255, 0)}, // another run's network
                new long[] {ip(10, 213, 64, 0), ip(255, 255, 192, 0)}, // a /18: 64..127
                new long[] {ip(172, 17, 0, 0), ip(255, 255, 0, 0)});  // docker0, elsewhere

        List<Integer> free = RunNetwork.freeThirdOctets(routes);

        assertThat(free).contains(0, 4, 6, 63, 128, 255).doesNotContain(5, 64, 100, 127);
        assertThat(free).hasSize(256 - 1 - 64);
    }

    @Test
    void aRouteCoveringAllOf10Slash8LeavesNothing() {
        assertThat(RunNetwork.freeThirdOctets(List.<long[]>of(new long[] {ip(10, 0, 0, 0), ip(255, 0, 0, 0)}))).isEmpty();
    }

    @Test
    void readsThisHostsRoutesInHostByteOrder() {
        List<long[]> routes = RunNetwork.hostRoutes();
        // parsed the wrong way round, masks would not be runs of leading ones, nor destinations inside them
        assertThat(routes).allSatisfy(r -> {
            long hostBits = ~r[1] & 0xFFFFFFFFL;
            assertThat(hostBits & (hostBits + 1)).as("mask %x is leading ones", r[1]).isZero();
            assertThat(r[0] & hostBits).as("destination %x inside its mask", r[0]).isZero();
        });
    }
}
