package io.lms.query.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.platform.mongo.CollectionIndexes;
import io.lms.query.support.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * The two collections of the {@code course-analytics} projection, which nothing else writes or reads:
 *
 * <ul>
 *   <li>{@code course_analytics}: one document per course, {@code _id} the course's id, with {@code instructor_id},
 *       {@code status}, {@code items} (every current content item by id: {@code order}, {@code title},
 *       {@code type}), {@code updated_at} and {@code version} (the Course aggregate's).
 *   <li>{@code course_analytics_enrollments}: one document per enrollment, {@code _id} the enrollment's id, with
 *       {@code course_id}, {@code student_id}, {@code enrolled_on} (UTC date), {@code active}, {@code completed},
 *       {@code completed_items} (content ids), {@code quiz_best} (best score by quiz id), {@code updated_at} and
 *       {@code version} (the Enrollment aggregate's).
 * </ul>
 *
 * The figures are worked out from these facts when they are read ({@link CourseAnalyticsFigures}), so that every
 * write is an idempotent change of one document.
 */
@Component
public class CourseAnalyticsReadModel {

    static final String COURSES = "course_analytics";
    static final String ENROLLMENTS = "course_analytics_enrollments";
    static final CollectionIndexes INDEXES = CollectionIndexes.of(ENROLLMENTS, Indexes.ascending("course_id"));

    private final MongoCollection<Document> courses;
    private final MongoCollection<Document> enrollments;

    public CourseAnalyticsReadModel(ReadModelCollections collections) {
        this.courses = collections.get(COURSES);
        this.enrollments = collections.get(ENROLLMENTS);
        collections.ensure(INDEXES);
    }

    MongoCollection<Document> courses() {
        return courses;
    }

    MongoCollection<Document> enrollments() {
        return enrollments;
    }

    Optional<Document> course(String courseId) {
        return Optional.ofNullable(
                courses.find(Filters.eq("_id", new ObjectId(courseId))).first());
    }

    List<Document> enrollmentsOf(String courseId) {
        return enrollments.find(Filters.eq("course_id", new ObjectId(courseId))).into(new ArrayList<>());
    }

    /** Whether the user ever enrolled in the course: one lookup by the enrollment's derived id. */
    boolean everEnrolled(String courseId, String userId) {
        String enrollmentId = new EnrollmentKey(userId, courseId).enrollmentId();
        return enrollments.find(Filters.eq("_id", new ObjectId(enrollmentId))).first() != null;
    }

    void clear() {
        courses.deleteMany(new Document());
        enrollments.deleteMany(new Document());
    }
}
