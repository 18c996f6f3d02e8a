package io.lms.query.review;

import static com.mongodb.client.model.Updates.set;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.query.course.CourseFigures;
import io.lms.query.course.CourseProjection;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code reviews} read model, as collections.md documents it, plus {@code version} (the version of the
 * Enrollment aggregate the review belongs to). After every review event the course's {@code rating} is worked out
 * again from the course's current reviews (rule 19): a redelivered or replayed event leaves the same figure. It is
 * in the {@code courses} processing group, sequenced by course, so that two reviews of one course are never
 * counted at the same time. Its writes go through {@link VersionedBatch}, and the rating is worked out once per
 * course and batch.
 */
@Component
@ProcessingGroup(CourseProjection.NAME)
public class ReviewProjection {

    private final ReviewReadModel readModel;
    private final CourseFigures figures;

    public ReviewProjection(ReviewReadModel readModel, CourseFigures figures) {
        this.readModel = readModel;
        this.figures = figures;
    }

    /** A review written after the student deleted their earlier one starts afresh, with a new {@code created_at}. */
    @EventHandler
    void on(ReviewWrittenEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.reviews(),
                oid(event.reviewId()),
                version,
                List.of(
                        set("user_id", oid(event.studentId())),
                        set("course_id", oid(event.courseId())),
                        set("rating", event.rating()),
                        set("review_text", event.reviewText()),
                        set("created_at", date(at)),
                        set("updated_at", date(at))));
        recompute(event.courseId());
    }

    @EventHandler
    void on(ReviewEditedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.update(
                readModel.reviews(),
                oid(event.reviewId()),
                version,
                List.of(
                        set("rating", event.rating()),
                        set("review_text", event.reviewText()),
                        set("updated_at", date(at))));
        recompute(event.courseId());
    }

    /**
     * Deletes the review unless it is newer than this event (a review written again after it, seen before this
     * redelivered deletion).
     */
    @EventHandler
    void on(ReviewDeletedEvent event, @SequenceNumber long version) {
        VersionedBatch.deleteOlder(readModel.reviews(), oid(event.reviewId()), version);
        recompute(event.courseId());
    }

    @ResetHandler
    void reset() {
        readModel.reviews().deleteMany(new Document());
    }

    /**
     * Worked out whether or not the event changed a review: a redelivery repairs a rating it missed. Worked out once
     * per course and batch of events, after the batch's reviews are written.
     */
    private void recompute(String courseId) {
        VersionedBatch.afterWrites("rating " + courseId, () -> {
            ReviewReadModel.Rating rating = readModel.ratingOf(courseId);
            figures.setRating(courseId, rating.average(), rating.count());
        });
    }
}
