package io.lms.query.notification;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.query.support.Documents;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.VersionedBatch;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The notifications processor's own record of who is actively enrolled where ({@code notification_members}: one
 * document per enrollment, {@code _id} the enrollment id, with {@code course_id}, {@code student_id},
 * {@code active}, {@code version}, and the stream positions of its last start {@code since} and last end
 * {@code until}). It is kept by that processor from the enrollment events, so a
 * {@code course_update} fans out to exactly the students enrolled at that point of the event stream, however far
 * another projection has got. Forum reads use it too, to let enrolled students in.
 */
@Component
public class CourseMembers {

    private final MongoCollection<Document> members;

    public CourseMembers(ReadModelCollections collections) {
        this.members = collections.get("notification_members");
        members.createIndex(Indexes.ascending("course_id", "active"));
    }

    MongoCollection<Document> collection() {
        return members;
    }

    public boolean isActive(String userId, String courseId) {
        Document member = members.find(
                        Filters.eq("_id", Documents.oid(new EnrollmentKey(userId, courseId).enrollmentId())))
                .projection(Projections.include("active"))
                .first();
        return member != null && Boolean.TRUE.equals(member.getBoolean("active"));
    }

    /**
     * Hands every student actively enrolled in the course at stream position {@code position} to {@code student},
     * streamed in batches: started before it, and still enrolled or ended after it. When the events are handled for
     * the first time, those are the students enrolled now; when a batch is handled again, the enrollments recorded
     * by its later events do not count. (A membership keeps only its last start and end: someone who left and came
     * back within a batch handled again counts from their return.)
     */
    void forEachStudentAt(String courseId, long position, Consumer<Object> student) {
        VersionedBatch.flush(members); // the enrollments of the batch so far count
        members.find(Filters.and(
                        Filters.eq("course_id", Documents.oid(courseId)),
                        // a membership recorded before positions were counts from the start, as it did then
                        Filters.or(Filters.lt("since", position), Filters.exists("since", false)),
                        Filters.or(Filters.eq("active", true), Filters.gt("until", position))))
                .projection(Projections.include("student_id"))
                .batchSize(1_000)
                .forEach(d -> student.accept(d.get("student_id")));
    }
}
