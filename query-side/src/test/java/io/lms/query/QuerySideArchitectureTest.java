package io.lms.query;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.MergedAnnotations;

class QuerySideArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lms.query");

    @Test
    void the_query_side_never_sends_commands() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.axonframework.commandhandling..", "io.lms.command..")
                .because("the query side only reads events and serves reads")
                .check(classes);
    }

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        slices().matching("io.lms.query.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void no_bean_of_this_service_is_switched_by_a_condition() {
        // run.sh and the images start the service from the bean definitions Spring AOT generated at build time, where
        // every condition (@ConditionalOnProperty, @Profile, ...) was evaluated once: a switch an operator sets at run
        // time must be read by the bean (@Value), not decide whether it exists
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lms.query", "io.lms.platform");
        DescribedPredicate<HasAnnotations<?>> aCondition =
                new DescribedPredicate<>("annotated with a condition (@Conditional..., @Profile)") {
                    @Override
                    public boolean test(HasAnnotations<?> element) {
                        return element.getAnnotations().stream()
                                .map(annotation -> annotation.getRawType().reflect())
                                .anyMatch(type -> type == Conditional.class
                                        || MergedAnnotations.from(type).isPresent(Conditional.class));
                    }
                };
        String because = "Spring AOT evaluates conditions when the jar is built (docs/operations.md, \"Start-up\")";
        noClasses().should(be(aCondition)).because(because).check(service);
        noMethods().should(be(aCondition)).because(because).check(service);
    }
}
