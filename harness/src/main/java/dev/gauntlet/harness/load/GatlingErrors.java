package dev.gauntlet.harness.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.gauntlet.report.run.ClientError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * Gatling's own error for each failed request, by virtual user. Gatling keeps a failed request's message
 * (its exception: {@code RequestTimeoutException}, {@code AnnotatedConnectException: Connection refused},
 * {@code Connection reset} ...) out of the session; the one place it hands it out is the DEBUG line of its
 * stats processor, {@code Request '{}' failed for user {}: {}}, logged before the user moves on. This appender
 * listens to that logger only (not additive, so nothing is printed) and keeps the message for the simulation's
 * {@code record} step, which takes it with {@link #take}.
 *
 * <pre>{@code
 * GatlingErrors errors = GatlingErrors.install();
 * ... after the request, in the same virtual user:
 * ClientError e = errors.take(session.userId());   // null when Gatling reported no failure
 * }</pre>
 * Tied to Gatling 3.15's logger name and message layout; {@code GatlingErrorsIT} fails if either changes.
 */
final class GatlingErrors extends AppenderBase<ILoggingEvent> {

    /** Where Gatling 3.15's {@code StatsProcessor} (a StrictLogging of the concrete class) logs failures. */
    static final String LOGGER = "io.gatling.http.engine.response.DefaultStatsProcessor";
    static final String FAILED = "Request '{}' failed for user {}: {}";

    private final Map<Long, String> messages = new ConcurrentHashMap<>();

    /** Attaches a fresh instance to Gatling's stats logger (replacing one of an earlier run in this JVM). */
    static GatlingErrors install() {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        logger.detachAppender(GatlingErrors.class.getSimpleName());
        GatlingErrors errors = new GatlingErrors();
        errors.setName(GatlingErrors.class.getSimpleName());
        errors.setContext(logger.getLoggerContext());
        errors.start();
        logger.addAppender(errors);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        return errors;
    }

    @Override
    protected void append(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        // The warm-up's failures are not recorded, so they are not kept either.
        if (FAILED.equals(event.getMessage()) && args != null && args.length == 3 && args[1] instanceof Long user
                && !"warm-up".equals(args[0])) {
            messages.put(user, String.valueOf(args[2]));
        }
    }

    /** Gatling's message for {@code userId}'s failed request, removed; null when there was none. */
    String takeMessage(long userId) {
        return messages.remove(userId);
    }

    /** The client error of {@code userId}'s request that got no answer; OTHER when Gatling said nothing. */
    ClientError take(long userId) {
        String message = takeMessage(userId);
        return message == null ? ClientError.OTHER : ClientError.fromClientMessage(message);
    }
}
