package dev.gauntlet.junit;

import dev.gauntlet.harness.cli.Gauntlet;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the {@link GauntletScenario} of a test method before its body: a scenario whose checks all pass lets the
 * body run; any other outcome fails the test with one line per check that did not pass, and the run directory.
 * A scenario that cannot be loaded fails the test with the loader's one line.
 *
 * <pre>{@code @ExtendWith(GauntletExtension.class)  // implied by @GauntletScenario}</pre>
 */
public final class GauntletExtension implements InvocationInterceptor {

    /** Where runs go unless {@code -Dgauntlet.runs.dir} says otherwise: beside the build's other outputs. */
    public static final String DEFAULT_RUNS_DIR = "target/gauntlet-runs";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        GauntletScenario scenario = context.getRequiredTestMethod().getAnnotation(GauntletScenario.class);
        if (scenario == null) {
            invocation.proceed();
            return;
        }
        Path runsDir = Path.of(System.getProperty("gauntlet.runs.dir", DEFAULT_RUNS_DIR)).toAbsolutePath();
        Gauntlet.Run run;
        try {
            run = Gauntlet.run(scenario.value(), List.of(scenario.set()), scenario.gateway().isEmpty() ? null : scenario.gateway(),
                    runsDir, System.out);
        } catch (RuntimeException invalid) {
            invocation.skip();
            throw new AssertionFailedError("gauntlet: " + invalid.getMessage());
        }
        if (run.runDir() != null) {
            System.out.println("gauntlet: run directory " + run.runDir());
            context.publishReportEntry("gauntlet.runDir", run.runDir().toString());
        }
        if (!run.passed()) {
            invocation.skip();
            throw new AssertionFailedError("gauntlet: " + scenario.value() + ": exit " + run.exitCode() + ", run directory "
                    + run.runDir() + "\n  " + String.join("\n  ", run.failureLines()));
        }
        invocation.proceed();
    }
}
