package dev.stowage.driver.s3.ceph;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * JUnit extension giving a test class the Ceph RGW of this JVM ({@link CephRgw}): brings it up before
 * the first class that needs it, stops it after the last test of the run (a resource in the root
 * store), and resolves {@link RgwEndpoint} parameters.
 *
 * <p>When Ceph cannot be started here (not installed and not root, no apt, not Linux) the tests of
 * the class are skipped with the reason, printed loudly to the build output; when the environment
 * variable {@code CI} is {@code true} they fail instead, so that CI never passes by skipping RGW.
 */
public final class CephRgwExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CephRgwExtension.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /** The endpoint, for code outside parameter resolution (e.g. a contract's {@code openStorage()}). */
    static RgwEndpoint endpoint() {
        CephRgw.Outcome outcome = CephRgw.start();
        if (outcome.endpoint() == null) {
            throw unavailable(outcome.problem());
        }
        return outcome.endpoint();
    }

    /** Disables the class (reported as skipped, with the reason) when RGW is unavailable outside CI. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        CephRgw.Outcome outcome = CephRgw.start();
        if (outcome.endpoint() != null) {
            return ConditionEvaluationResult.enabled("Ceph RGW is up at " + outcome.endpoint().endpoint());
        }
        RuntimeException problem = unavailable(outcome.problem());
        if (problem instanceof TestAbortedException) {
            return ConditionEvaluationResult.disabled(problem.getMessage());
        }
        throw problem;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(Stopper.class, k -> new Stopper(), Stopper.class);
        endpoint();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RgwEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoint();
    }

    private static RuntimeException unavailable(String problem) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String message = "Ceph RGW is not available, " + (ci ? "FAILING (CI=true)" : "SKIPPING the RGW tests")
                + ": " + problem;
        if (!TOLD.getAndSet(true)) {
            Console.say("*".repeat(100) + "\n" + message + "\n" + "*".repeat(100));
        }
        return ci ? new ExtensionConfigurationException(message) : new TestAbortedException(message);
    }

    /** Runs {@code tools/ceph/down} when JUnit closes the root store at the end of the run. */
    private static final class Stopper implements AutoCloseable {
        @Override
        public void close() {
            CephRgw.stop();
        }
    }
}
