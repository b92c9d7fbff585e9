package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinomialTest {

    @Test
    void clopperPearsonMatchesPublishedValues() {
        // reference values: R binom.test(k, n, conf.level = 0.95)$conf.int
        Binomial.Interval half = Binomial.clopperPearson(20, 40, 0.95);
        assertThat(half.low()).as("20/40 lower").isCloseTo(0.3380, within(5e-4));
        assertThat(half.high()).as("20/40 upper").isCloseTo(0.6620, within(5e-4));
        Binomial.Interval none = Binomial.clopperPearson(0, 10, 0.95);
        assertThat(none.low()).as("0/10 lower").isZero();
        assertThat(none.high()).as("0/10 upper").isCloseTo(0.3085, within(5e-4));
        Binomial.Interval all = Binomial.clopperPearson(10, 10, 0.95);
        assertThat(all.low()).as("10/10 lower").isCloseTo(0.6915, within(5e-4));
        assertThat(all.high()).as("10/10 upper").isEqualTo(1.0);
    }

    @Test
    void anAskedShareOutsideTheIntervalIsNotContained() {
        Binomial.Interval seen = Binomial.clopperPearson(2, 40, Binomial.CONFIDENCE);
        assertThat(seen.contains(0.5)).as("2 of 40 affected is not a 50%% toxicity: %s", seen).isFalse();
        assertThat(seen.contains(0.05)).as("but is a 5%% one: %s", seen).isTrue();
    }

    @Test
    void trialsToRuleOutAShareMakeMissingItEveryTimeUnlikely() {
        assertThat(Binomial.trialsToRuleOut(0.5, 40)).as("0.5^7 < 1%%").isEqualTo(7);
        assertThat(Binomial.trialsToRuleOut(1.0, 40)).as("a certain effect shows in one trial").isEqualTo(1);
        assertThat(Binomial.trialsToRuleOut(0.01, 40)).as("capped").isEqualTo(40);
    }
}
