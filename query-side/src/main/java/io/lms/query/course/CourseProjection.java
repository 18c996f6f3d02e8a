package io.lms.query.course;

import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CurriculumReplacedEvent;
import io.lms.query.support.VersionedBatch;
import io.lms.query.support.VersionedDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The {@code courses} and {@code content} read models, as collections.md documents them, plus {@code version}
 * and the search words in {@code keywords}. Both documents of a course hold the course's version: every event of
 * the course moves the course document to it, so a read of the course with {@code min_version} after any command
 * on it, content included, finds it.
 *
 * <p>Its writes go through {@link VersionedBatch} (a batch of events is written at once); an edit, whose search
 * words need the stored fields, reads the course through it.
 *
 * <p>{@code rating} and {@code enrollment_count} are only set when a course document is first written: later
 * review and enrollment projections own them, and nothing here overwrites them.
 */
@Component
@ProcessingGroup(CourseProjection.NAME)
public class CourseProjection {

    public static final String NAME = "courses";

    private final CourseReadModel readModel;

    public CourseProjection(CourseReadModel readModel) {
        this.readModel = readModel;
    }

    @EventHandler
    void on(CourseCreatedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        CourseDetails d = event.details();
        VersionedBatch.upsert(
                readModel.courses(),
                oid(event.courseId()),
                version,
                List.of(
                        set("title", d.title()),
                        set("slug", d.slug()),
                        set("description", d.description()),
                        set("category", d.category()),
                        set("tags", d.tags()),
                        set("level", CourseDocuments.lower(d.level())),
                        set("instructor_id", oid(event.instructorId())),
                        set("topics", List.of()),
                        set("requirements", d.requirements()),
                        set("outcomes", d.outcomes()),
                        set("price", CourseDocuments.price(d.price())),
                        set("status", CourseDocuments.lower(CourseStatus.DRAFT)),
                        set("keywords", Keywords.of(d.title(), d.description(), d.tags())),
                        setOnInsert("rating", new Document("average", 0.0).append("count", 0)),
                        setOnInsert("enrollment_count", 0),
                        setOnInsert("created_at", date(at)),
                        set("updated_at", date(at))));
    }

    /** The search words depend on fields the event may not carry: they are worked out with the stored ones. */
    @EventHandler
    void on(CourseEditedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        Document stored = VersionedBatch.find(readModel.courses(), oid(event.courseId()));
        if (stored == null || VersionedDocuments.versionOf(stored) >= version) {
            return;
        }
        CourseDetails c = event.changes();
        List<Bson> updates = new ArrayList<>();
        setIfGiven(updates, "title", c.title());
        setIfGiven(updates, "slug", c.slug());
        setIfGiven(updates, "description", c.description());
        setIfGiven(updates, "category", c.category());
        setIfGiven(updates, "tags", c.tags());
        setIfGiven(updates, "level", CourseDocuments.lower(c.level()));
        setIfGiven(updates, "requirements", c.requirements());
        setIfGiven(updates, "outcomes", c.outcomes());
        setIfGiven(updates, "price", c.price() == null ? null : CourseDocuments.price(c.price()));
        updates.add(set(
                "keywords",
                Keywords.of(
                        c.title() != null ? c.title() : stored.getString("title"),
                        c.description() != null ? c.description() : stored.getString("description"),
                        c.tags() != null ? c.tags() : stored.getList("tags", String.class))));
        updates.add(set("updated_at", date(at)));
        VersionedBatch.update(readModel.courses(), oid(event.courseId()), version, updates);
    }

    @EventHandler
    void on(CurriculumReplacedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        updateCourse(
                event.courseId(),
                version,
                set("topics", CourseDocuments.topics(event.topics())),
                set("updated_at", date(at)));
    }

    @EventHandler
    void on(CoursePublishedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        updateCourse(
                event.courseId(),
                version,
                set("status", CourseDocuments.lower(CourseStatus.PUBLISHED)),
                set("updated_at", date(at)));
    }

    @EventHandler
    void on(CourseArchivedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        updateCourse(
                event.courseId(),
                version,
                set("status", CourseDocuments.lower(CourseStatus.ARCHIVED)),
                set("updated_at", date(at)));
    }

    @EventHandler
    void on(ContentAddedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        ContentFields f = event.fields();
        VersionedBatch.upsert(
                readModel.content(),
                oid(event.contentId()),
                version,
                List.of(
                        set("course_id", oid(event.courseId())),
                        set("type", CourseDocuments.lower(event.type())),
                        set("title", f.title()),
                        set("description", f.description()),
                        set("order", f.order()),
                        set("metadata", CourseDocuments.metadata(f.metadata())),
                        set("transcript", f.transcript()),
                        set("captions", CourseDocuments.captions(f.captions())),
                        set("quiz_data", CourseDocuments.quiz(f.quizData())),
                        set("assignment_data", CourseDocuments.assignment(f.assignmentData())),
                        setOnInsert("created_at", date(at)),
                        set("updated_at", date(at))));
        updateCourse(event.courseId(), version, set("updated_at", date(at)));
    }

    @EventHandler
    void on(ContentEditedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        ContentFields c = event.changes();
        List<Bson> updates = new ArrayList<>();
        setIfGiven(updates, "title", c.title());
        setIfGiven(updates, "description", c.description());
        setIfGiven(updates, "order", c.order());
        setIfGiven(updates, "metadata", CourseDocuments.metadata(c.metadata()));
        setIfGiven(updates, "transcript", c.transcript());
        setIfGiven(updates, "captions", CourseDocuments.captions(c.captions()));
        setIfGiven(updates, "quiz_data", CourseDocuments.quiz(c.quizData()));
        setIfGiven(updates, "assignment_data", CourseDocuments.assignment(c.assignmentData()));
        updates.add(set("updated_at", date(at)));
        VersionedBatch.update(readModel.content(), oid(event.contentId()), version, updates);
        updateCourse(event.courseId(), version, set("updated_at", date(at)));
    }

    /** A redelivered deletion finds nothing to delete; the add before it, redelivered too, is deleted again. */
    @EventHandler
    void on(ContentDeletedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.delete(readModel.content(), oid(event.contentId()));
        if (event.curriculumChanged()) {
            updateCourse(
                    event.courseId(),
                    version,
                    set("topics", CourseDocuments.topics(event.topics())),
                    set("updated_at", date(at)));
        } else {
            updateCourse(event.courseId(), version, set("updated_at", date(at)));
        }
    }

    @ResetHandler
    void reset() {
        readModel.courses().deleteMany(new Document());
        readModel.content().deleteMany(new Document());
    }

    private void updateCourse(String courseId, long version, Bson... updates) {
        VersionedBatch.update(readModel.courses(), oid(courseId), version, List.of(updates));
    }

    private static void setIfGiven(List<Bson> updates, String field, Object value) {
        if (value != null) {
            updates.add(set(field, value));
        }
    }
}
