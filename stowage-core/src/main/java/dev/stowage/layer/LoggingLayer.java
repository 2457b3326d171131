package dev.stowage.layer;

import dev.stowage.ObjectNotFoundException;
import dev.stowage.StorageException;
import dev.stowage.spi.StorageDriver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Logs each operation with {@link System.Logger} (logger {@code dev.stowage.disk.<name>}): disk,
 * operation, key, outcome and milliseconds. Successes and "not found" at the configured level
 * (DEBUG by default), other failures at WARNING with the failure's message. Logs keys, never
 * settings, credentials or signed URLs (those carry signatures).
 */
public final class LoggingLayer extends InterceptingLayer {
    private final Logger logger;
    private final Level level;

    /** Logs at DEBUG. */
    public LoggingLayer(StorageDriver delegate) {
        this(delegate, Level.DEBUG);
    }

    /** Logs successes at {@code level}. */
    public LoggingLayer(StorageDriver delegate, Level level) {
        super(delegate);
        this.logger = System.getLogger("dev.stowage.disk." + delegate.disk());
        this.level = level;
    }

    @Override
    <T> T intercept(Call call, Supplier<T> body) {
        long start = System.nanoTime();
        try {
            T result = body.get();
            if (logger.isLoggable(level)) {
                logger.log(level, "{0} {1} {2}: ok in {3} ms", disk(), call.operation().label(), shown(call),
                        millis(start));
            }
            return result;
        } catch (ObjectNotFoundException e) {
            if (logger.isLoggable(level)) {
                logger.log(level, "{0} {1} {2}: not found in {3} ms", disk(), call.operation().label(), shown(call),
                        millis(start));
            }
            throw e;
        } catch (StorageException e) {
            logger.log(Level.WARNING, "{0} {1} {2}: failed in {3} ms: {4}", disk(), call.operation().label(),
                    shown(call), millis(start), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            logger.log(Level.WARNING, "{0} {1} {2}: failed in {3} ms: {4}", disk(), call.operation().label(),
                    shown(call), millis(start), e.getClass().getName());
            throw e;
        }
    }

    private static String shown(Call call) {
        return call.key() == null ? "-" : "'" + call.key() + "'";
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
