package io.lms.query.enrollment;

import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.api.enrollment.EnrollmentStatus;
import io.lms.api.enrollment.EnrollmentView;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.ProgressView;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.DocumentPages;
import io.lms.query.support.ReadModelCollections;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code enrollments} and {@code progress} collections, and their mapping to the API's views. The
 * indexes for the foreign-key reads are created at start-up: enrollments by student and by course (with the status
 * that {@code enrollment_count} counts), progress by enrollment (its student and course).
 */
@Component
public class EnrollmentReadModel {

    static final String ACTIVE = "active";

    private final MongoCollection<Document> enrollments;
    private final MongoCollection<Document> progress;

    public EnrollmentReadModel(ReadModelCollections collections) {
        this.enrollments = collections.get("enrollments");
        this.progress = collections.get("progress");
        enrollments.createIndex(Indexes.compoundIndex(Indexes.ascending("user_id"), Indexes.descending("enrolled_at")));
        enrollments.createIndex(
                Indexes.compoundIndex(Indexes.ascending("course_id", "status"), Indexes.descending("enrolled_at")));
        progress.createIndex(Indexes.ascending("user_id", "course_id", "content_id"));
    }

    MongoCollection<Document> enrollments() {
        return enrollments;
    }

    MongoCollection<Document> progress() {
        return progress;
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(
                enrollments.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    long activeEnrollmentsOf(String courseId) {
        return enrollments.countDocuments(
                Filters.and(Filters.eq("course_id", new ObjectId(courseId)), Filters.eq("status", ACTIVE)));
    }

    /** Newest first. */
    PageResponse<EnrollmentView> ofStudent(String userId, int page, int size) {
        return DocumentPages.page(
                enrollments,
                Filters.eq("user_id", new ObjectId(userId)),
                Sorts.orderBy(Sorts.descending("enrolled_at"), Sorts.descending("_id")),
                EnrollmentReadModel::view,
                page,
                size);
    }

    /** Newest first; active ones and those who left alike (each shows its {@code status}). */
    PageResponse<EnrollmentView> ofCourse(String courseId, int page, int size) {
        return DocumentPages.page(
                enrollments,
                Filters.eq("course_id", new ObjectId(courseId)),
                Sorts.orderBy(Sorts.descending("enrolled_at"), Sorts.descending("_id")),
                EnrollmentReadModel::view,
                page,
                size);
    }

    /** The progress documents of an enrollment, oldest change first. */
    PageResponse<ProgressView> progressOf(Document enrollment, int page, int size) {
        return DocumentPages.page(
                progress,
                Filters.and(
                        Filters.eq("user_id", enrollment.get("user_id")),
                        Filters.eq("course_id", enrollment.get("course_id"))),
                Sorts.orderBy(Sorts.ascending("updated_at"), Sorts.ascending("_id")),
                EnrollmentReadModel::progressView,
                page,
                size);
    }

    /** A progress document's id: derived from the enrollment and the content item, so that one exists per pair. */
    static ObjectId progressId(String enrollmentId, String contentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("progress:" + enrollmentId + ":" + contentId).getBytes(StandardCharsets.UTF_8));
            return new ObjectId(HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    static EnrollmentView view(Document d) {
        return new EnrollmentView(
                hex(d.get("_id")),
                hex(d.get("user_id")),
                hex(d.get("course_id")),
                EnrollmentStatus.valueOf(d.getString("status").toUpperCase(Locale.ROOT)),
                instant(d.getDate("enrolled_at")),
                instant(d.getDate("completed_at")),
                number(d.get("progress")).doubleValue(),
                instant(d.getDate("last_accessed")));
    }

    static ProgressView progressView(Document d) {
        Number contentProgress = d.get("progress", Number.class);
        Number quizScore = d.get("quiz_score", Number.class);
        return new ProgressView(
                hex(d.get("_id")),
                hex(d.get("user_id")),
                hex(d.get("course_id")),
                hex(d.get("content_id")),
                ProgressStatus.valueOf(d.getString("status").toUpperCase(Locale.ROOT)),
                contentProgress == null ? null : contentProgress.intValue(),
                quizScore == null ? null : quizScore.doubleValue(),
                instant(d.getDate("updated_at")));
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }
}
