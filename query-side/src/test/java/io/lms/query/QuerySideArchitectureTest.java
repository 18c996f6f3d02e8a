package io.lms.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

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
}
