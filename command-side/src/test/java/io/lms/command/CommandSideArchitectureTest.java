package io.lms.command;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.MergedAnnotations;

class CommandSideArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lms.command");

    @Test
    void aggregates_decide_without_web_or_database_code() {
        noClasses()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "com.mongodb..", "org.springframework.data..")
                .because("an aggregate decides from its own state and the lookups it is handed")
                .check(classes);
    }

    @Test
    void the_command_side_never_reads_a_read_model() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.lms.query..")
                .because("rules are decided in aggregates and command-side lookups, never against a read model")
                .check(classes);
    }

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        slices().matching("io.lms.command.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void no_bean_of_this_service_is_switched_by_a_condition() {
        // run.sh and the images start the service from the bean definitions Spring AOT generated at build time, where
        // every condition (@ConditionalOnProperty, @Profile, ...) was evaluated once: a switch an operator sets at run
        // time must be read by the bean (@Value), not decide whether it exists
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lms.command", "io.lms.platform");
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
