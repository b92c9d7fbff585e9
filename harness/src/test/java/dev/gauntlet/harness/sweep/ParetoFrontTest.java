package dev.gauntlet.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.sweep.ParetoFront.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    /**
     * Detection ms (x) against false ejections per minute (y), both lower-better. By hand:
     * 2 is beaten by 1 on both; 3 by 0 (same x, more ejections); 4 by 1 (same y, slower);
     * 5 sits between 0 and 1 and nothing beats it on both; 7 equals 1, so neither dominates the other;
     * 6 has no x and stays off. Front: 0, 1, 5, 7.
     */
    @Test
    void keepsExactlyTheNonDominatedPoints() {
        List<Candidate> points = List.of(
                new Candidate(0, 1800.0, 2.0),
                new Candidate(1, 2600.0, 0.5),
                new Candidate(2, 2700.0, 1.0),
                new Candidate(3, 1800.0, 2.5),
                new Candidate(4, 3000.0, 0.5),
                new Candidate(5, 2200.0, 1.0),
                new Candidate(6, null, 0.1),
                new Candidate(7, 2600.0, 0.5));

        assertThat(ParetoFront.of(points)).as("the hand-computed front").containsExactly(0, 1, 5, 7);
    }

    @Test
    void aSinglePointIsItsOwnFront() {
        assertThat(ParetoFront.of(List.of(new Candidate(4, 1.0, 1.0)))).as("alone on the front").containsExactly(4);
    }

    @Test
    void dominanceNeedsOneStrictImprovement() {
        assertThat(ParetoFront.dominates(new Candidate(0, 1.0, 1.0), new Candidate(1, 1.0, 1.0), 0))
                .as("equal points do not dominate each other").isFalse();
        assertThat(ParetoFront.dominates(new Candidate(0, 1.0, 0.9), new Candidate(1, 1.0, 1.0), 0))
                .as("as fast with fewer ejections dominates").isTrue();
    }

    /** Seen in a real sweep: one false ejection in 30.04 s and one in 30.01 s are the same rate. */
    @Test
    void ratesThatDifferOnlyByTheRunWindowCountAsEqual() {
        List<Candidate> points = List.of(
                new Candidate(0, 1014.0, 0.99940),
                new Candidate(1, 1578.0, 0.99828),
                new Candidate(3, 2903.0, 0.0));

        assertThat(ParetoFront.of(points)).as("1 is as ejecting as 0 and slower, so 0 dominates it")
                .containsExactly(0, 3);
        assertThat(ParetoFront.of(points, 0)).as("with no tolerance the millisecond noise keeps 1 on the front")
                .containsExactly(0, 1, 3);
    }
}
