package dev.stowage.driver.s3;

import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips, visibly and with the reason, the contract tests that s3proxy itself cannot pass (server
 * behaviour that differs from S3's, not a capability a driver could report, hence this list
 * instead of {@code unsupportedHere()}). Each runs against Ceph RGW in {@code RgwContractTest}.
 */
final class S3ProxyLimitations implements ExecutionCondition {

    static final Map<String, String> SKIPPED = Map.of(
            "of_many_racing_compare_and_swap_writes_exactly_one_wins",
            "s3proxy 4.1.0 checks If-Match and then writes, not atomically: racing writers can all win"
                    + " (AWS S3 and Ceph RGW decide atomically; the driver sends If-Match on every write)",
            "keys_are_listed_in_utf8_byte_order",
            "s3proxy 4.1.0 lists in Java String (UTF-16) order, not UTF-8 byte order as S3 does: the two differ only"
                    + " for keys mixing characters above U+FFFF with U+E000-U+FFFF (RgwContractTest runs it on Ceph)",
            "readers_never_see_a_half_written_object",
            "s3proxy 4.1.0's in-memory store, while a key is being replaced, can answer a GET with one version's"
                    + " x-amz-checksum-crc32c and the other version's bytes (seen twice on 2026-11-23 under load: the SDK's"
                    + " own check fails the read with 'Data read has a different checksum than expected'); the driver"
                    + " detects it, but the test counts any failed read. Ceph RGW passes it in RgwContractTest");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod().map(m -> SKIPPED.get(m.getName()))
                .map(ConditionEvaluationResult::disabled)
                .orElse(ConditionEvaluationResult.enabled("s3proxy can run this test"));
    }
}
