package io.lms.system.conventions;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * {@code run.sh} and the images start both services from the bean definitions Spring AOT generated when the jars
 * were built, where every condition ({@code @ConditionalOnProperty}, {@code @Profile}, ...) was evaluated once: a
 * switch an operator sets at run time must be read by a bean ({@code @Value}), not decide whether the bean exists.
 */
class SpringAotConditionsTest {

    private static final String BECAUSE =
            "Spring AOT evaluates conditions when the jar is built (docs/operations.md, \"What a start does\")";

    private static final DescribedPredicate<HasAnnotations<?>> A_CONDITION =
            new DescribedPredicate<>("annotated with a condition (@Conditional..., @Profile)") {
                @Override
                public boolean test(HasAnnotations<?> element) {
                    return element.getAnnotations().stream()
                            .map(annotation -> annotation.getRawType().reflect())
                            .anyMatch(type -> type == Conditional.class
                                    || MergedAnnotations.from(type).isPresent(Conditional.class));
                }
            };

    private final JavaClasses services = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lms.command", "io.lms.query", "io.lms.platform");

    @Test
    void no_class_of_either_service_is_switched_by_a_condition() {
        noClasses().should(be(A_CONDITION)).because(BECAUSE).check(services);
    }

    @Test
    void no_bean_method_of_either_service_is_switched_by_a_condition() {
        noMethods().should(be(A_CONDITION)).because(BECAUSE).check(services);
    }
}
