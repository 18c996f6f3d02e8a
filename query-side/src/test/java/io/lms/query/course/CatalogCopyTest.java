package io.lms.query.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Which course documents the copy takes, and when what it took is held. */
class CatalogCopyTest {

    private final CatalogCopy copy = new CatalogCopy(new ObjectMapper().registerModule(new JavaTimeModule()));
    private final ObjectId course = new ObjectId();

    @Test
    void a_batch_that_is_never_applied_leaves_nothing_held_and_its_documents_are_taken_by_the_next() {
        copy.apply(copy.changes());
        copy.changes().take(course(1, "Dropped with its batch"), false);

        assertThat(copy.heldVersion(course)).isEqualTo(-1);
        CatalogCopy.Changes next = copy.changes();
        next.take(course(1, "Taken again"), false);
        copy.apply(next);
        assertThat(copy.heldVersion(course)).isEqualTo(1);
        assertThat(copy.entry(course))
                .hasValueSatisfying(entry -> assertThat(entry.view().title()).isEqualTo("Taken again"));
    }

    @Test
    void an_older_document_is_never_taken_and_one_of_the_same_version_only_when_asked() {
        CatalogCopy.Changes load = copy.changes();
        load.take(course(2, "Version 2"), true);
        copy.apply(load);

        CatalogCopy.Changes changes = copy.changes();
        changes.take(course(1, "Older"), true);
        changes.take(course(2, "Same version, not asked"), false);
        copy.apply(changes);
        assertThat(copy.entry(course).orElseThrow().view().title()).isEqualTo("Version 2");

        CatalogCopy.Changes asked = copy.changes();
        asked.take(course(2, "Same version, asked"), true);
        copy.apply(asked);
        assertThat(copy.entry(course).orElseThrow().view().title()).isEqualTo("Same version, asked");
    }

    private Document course(long version, String title) {
        return new Document("_id", course)
                .append("title", title)
                .append("status", "published")
                .append("version", version)
                .append("created_at", new Date())
                .append("keywords", List.of());
    }
}
