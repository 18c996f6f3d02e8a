package io.lms.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

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
}
