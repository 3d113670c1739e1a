package io.cascade.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Optional;

/**
 * Marks a test class (or method) that runs external tools: without them on PATH it is reported
 * as skipped, with the reason, instead of failing. Tests that run a tool only in some methods
 * need no annotation: the tool wrappers call {@link ExternalTools#assumeInstalled} themselves.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresTools.Condition.class)
public @interface RequiresTools {
    String[] value() default {"ffmpeg", "ffprobe"};

    /** Disables what the annotation marks when a tool is missing. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<RequiresTools> tools = context.getElement()
                    .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresTools.class));
            Optional<String> missing = tools.stream().flatMap(t -> Arrays.stream(t.value()))
                    .filter(tool -> !ExternalTools.onPath(tool)).findFirst();
            return missing.map(tool -> ConditionEvaluationResult.disabled(tool + " is not on PATH: skipped (these"
                            + " tests run the real " + tool + "; the golden tests cover the parsers without it)"))
                    .orElseGet(() -> ConditionEvaluationResult.enabled("tools present"));
        }
    }
}
