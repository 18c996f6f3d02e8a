package io.lms.query.course;

import static io.lms.query.support.Documents.oid;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Writes a course document's {@code rating} and {@code enrollment_count}, which the enrollment and review
 * projections work out from their own collections. The course's {@code version} is left alone: it is the Course
 * aggregate's version, and these figures come from other aggregates' events. The writers are handlers of the
 * {@code courses} processing group, sequenced by course, so that no two of them write one course at a time.
 */
@Component
public class CourseFigures {

    private final CourseReadModel readModel;

    public CourseFigures(CourseReadModel readModel) {
        this.readModel = readModel;
    }

    public void setRating(String courseId, double average, long count) {
        readModel
                .courses()
                .updateOne(
                        Filters.eq("_id", oid(courseId)),
                        Updates.set("rating", new Document("average", average).append("count", count)));
    }

    public void setEnrollmentCount(String courseId, long activeEnrollments) {
        readModel
                .courses()
                .updateOne(Filters.eq("_id", oid(courseId)), Updates.set("enrollment_count", activeEnrollments));
    }
}
