package dev.gauntlet.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a method a test that runs a Gauntlet scenario, real processes and all, and fails with the lines of the
 * checks that did not pass. The method is a {@link Test} by this annotation alone (nothing else to remember); its
 * body runs after a passing scenario, for any further assertions. The run directory is printed and published
 * as the report entry {@code gauntlet.runDir}.
 *
 * <pre>{@code
 * class GatewayResilienceTest {
 *     @GauntletScenario(value = "scenarios/backend-hang.yaml", set = {"load.rate=20/s"}, gateway = "builtin")
 *     void hungBackendIsHidden() {
 *     }
 * }
 * }</pre>
 *
 * Runs go to {@code target/gauntlet-runs} (system property {@code gauntlet.runs.dir} moves them). The test JVM needs
 * {@code --add-opens=java.base/java.lang=ALL-UNNAMED} (Gatling), e.g. in surefire's {@code argLine}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(GauntletExtension.class)
public @interface GauntletScenario {

    /** A library name ({@code backend-hang}), a file, or a file relative to the Gauntlet project directory. */
    String value();

    /** Overrides as {@code --set} takes them: {@code load.rate=20/s}, {@code faults[0].at=3s}. */
    String[] set() default {};

    /** The gateway kind ({@code builtin}, {@code envoy}, ...); empty: the scenario file's {@code gateway.kind}. */
    String gateway() default "";
}
