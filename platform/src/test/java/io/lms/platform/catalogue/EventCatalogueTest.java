package io.lms.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The committed event catalogue is what {@link EventCatalogue} makes of {@code shared-api} now. */
class EventCatalogueTest {

    /** The project directory: the parent of this module's ({@code basedir} under Maven). */
    private static final Path PROJECT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void the_committed_catalogue_is_what_the_generator_writes() throws IOException {
        Path file = PROJECT.resolve(EventCatalogue.FILE);
        String generated = new EventCatalogue().render();
        if (Boolean.getBoolean("lms.catalogue.write")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("docs/event-catalogue.md is out of step with shared-api; regenerate it as its header says")
                .isEqualTo(generated);
    }

    @Test
    void every_event_has_a_revision_and_appears_with_it() {
        String catalogue = new EventCatalogue().render();

        assertThat(EventCatalogue.eventTypes()).hasSizeGreaterThan(20).allSatisfy(event -> {
            assertThat(event.getAnnotation(Revision.class)).as(event.getName()).isNotNull();
            assertThat(catalogue)
                    .contains("| `" + event.getSimpleName() + "` | "
                            + event.getAnnotation(Revision.class).value() + " |");
        });
    }

    @Test
    void fields_appear_by_their_stored_names_and_json_types() {
        String catalogue = new EventCatalogue().render();

        assertThat(catalogue)
                .contains("| `StudentReenrolledEvent` | 2 | `enrollment_id` string, `student_id` string, `course_id` "
                        + "string, `instructor_id` string, `course_title` string, `course_progress` number |")
                .contains("`profile` `Profile`")
                .contains("| `Role` | string: `student` \\| `instructor` \\| `admin` \\| `auditor` |")
                .contains("`answers` array of integer")
                .contains("`content_progress` integer or null");
    }
}
