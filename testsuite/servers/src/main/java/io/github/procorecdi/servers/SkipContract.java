package io.github.procorecdi.servers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * On a server's subclass of {@link ServerContractTests} (or of {@link io.github.procorecdi.servers.sample.SampleTests}): one
 * test that this server cannot satisfy, skipped
 * on this server only; the skip (in the test report and on the console) names the server and the reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(SkipContract.List.class)
@ExtendWith(SkipContract.Condition.class)
public @interface SkipContract {
    /** @return the server and its version, e.g. {@code Payara Micro 6.2025.10} */
    String server();

    /** @return the name of the {@link ServerContractTests} method skipped */
    String test();

    /** @return why this server cannot satisfy it */
    String reason();

    /** The repeated form. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(SkipContract.Condition.class)
    @interface List {
        SkipContract[] value();
    }

    /** Disables the tests the class's {@link SkipContract}s name. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> method = context.getTestMethod().map(java.lang.reflect.Method::getName);
            if (method.isEmpty() || context.getTestClass().isEmpty()) {
                return ConditionEvaluationResult.enabled("a class");
            }
            for (SkipContract skip : AnnotationSupport.findRepeatableAnnotations(context.getTestClass().get(), SkipContract.class)) {
                if (skip.test().equals(method.get())) {
                    String why = "skipped on " + skip.server() + ": " + skip.reason();
                    System.out.println("[contract] " + method.get() + " " + why);
                    return ConditionEvaluationResult.disabled(why);
                }
            }
            return ConditionEvaluationResult.enabled("the server offers it");
        }
    }
}
