package dev.stowage.driver.azure;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when Azurite can run here. When it cannot, the class is reported as
 * skipped with the reason (visible in the Maven summary as skipped tests) and the reason is printed;
 * when the environment variable {@code CI=true}, the class fails instead.
 */
final class AzuriteRequired implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = Azurite.whyUnavailable();
        if (why == null) {
            return ConditionEvaluationResult.enabled("Azurite runs on 127.0.0.1");
        }
        String message = "*** AZURE TESTS NOT RUN: " + why + " ***";
        System.err.println(message);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: the Azure tests must run in CI)");
        }
        return ConditionEvaluationResult.disabled(message);
    }
}
