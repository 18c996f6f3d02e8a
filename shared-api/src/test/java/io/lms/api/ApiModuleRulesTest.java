package io.lms.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The API module is the contract between the services: messages and views, nothing that runs. */
class ApiModuleRulesTest {

    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lms.api");

    @Test
    void the_api_module_holds_records_and_enums_only() {
        classes()
                .that()
                .areTopLevelClasses()
                .should()
                .beRecords()
                .orShould()
                .beEnums()
                .because("shared-api holds commands, events, queries, views and error codes")
                .check(api);
    }

    @Test
    void the_api_module_depends_on_neither_spring_nor_mongodb() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "com.fasterxml..")
                .check(api);
    }

    @Test
    void every_event_has_a_revision_from_the_start() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Event")
                .should()
                .beAnnotatedWith(org.axonframework.serialization.Revision.class)
                .check(api);
    }
}
