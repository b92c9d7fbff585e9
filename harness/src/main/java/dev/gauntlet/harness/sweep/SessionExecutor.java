package dev.gauntlet.harness.sweep;

import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.run.ScenarioSession;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The {@code reconfigure} mode of a sweep: one living topology per scenario, its gateway reconfigured
 * through {@code PUT /admin/config} between points, so a run costs its load time and not the start-up of
 * five processes. A new session starts when the scenario changes, when the gateway refuses a change at run
 * time (then the new settings come in through the start-up config), or after a part failed.
 *
 * <pre>{@code
 * try (TrialExecutor executor = new SessionExecutor()) {
 *     executor.run(scenarioAtPoint0, sweepDir.resolve("trials"), log);   // starts the session
 *     executor.run(scenarioAtPoint1, sweepDir.resolve("trials"), log);   // PUT, no restart
 * }
 * }</pre>
 * Sessions log into {@code <sweep>/sessions/<scenario>-<n>/}.
 */
public final class SessionExecutor implements TrialExecutor {

    private ScenarioSession session;
    private String sessionScenario;
    private int started;

    @Override
    public ScenarioRunner.RunOutcome run(Scenario scenario, Path trialsDir, PrintStream log) {
        Path sessions = trialsDir.getParent().resolve("sessions");
        if (session == null || !scenario.name().equals(sessionScenario) || !session.accepts(scenario)) {
            restart(scenario, sessions, log);
        }
        try {
            try {
                return session.run(scenario, trialsDir);
            } catch (ScenarioSession.ReconfigureRefusedException refused) {
                log.println("the gateway refused the change at run time (" + refused.getMessage() + "); restarting");
                restart(scenario, sessions, log);
                return session.run(scenario, trialsDir);
            }
        } catch (PartStartException failed) {
            close(); // the next attempt starts from clean processes
            throw failed;
        }
    }

    private void restart(Scenario scenario, Path sessions, PrintStream log) {
        close();
        // A resumed sweep is a new process: count on from the sessions already on disk, never reuse their logs.
        do {
            started++;
        } while (java.nio.file.Files.exists(sessions.resolve(scenario.name() + "-" + started)));
        session = ScenarioSession.start(scenario, sessions.resolve(scenario.name() + "-" + started), log);
        sessionScenario = scenario.name();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
