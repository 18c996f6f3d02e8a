package io.lms.query.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Which students a course update at a stream position reaches, from the memberships' positions. */
class CourseMembersTest {

    private static final ObjectId COURSE = new ObjectId("6b06eb3caa76f936f62de700");

    @Test
    void a_membership_recorded_before_positions_existed_counts_from_the_start() {
        CourseMembers members =
                new CourseMembers(ReadModelCollections.of(WireServer.freshDatabase("course_members_before_positions")));
        ObjectId student = new ObjectId();
        members.collection()
                .insertOne(new Document("_id", new ObjectId())
                        .append("course_id", COURSE)
                        .append("student_id", student)
                        .append("active", true)
                        .append("version", 0L));

        assertThat(studentsAt(members, 1)).containsExactly(student);
    }

    @Test
    void an_update_reaches_those_who_started_before_it_and_had_not_ended_by_then() {
        CourseMembers members =
                new CourseMembers(ReadModelCollections.of(WireServer.freshDatabase("course_members_positions")));
        ObjectId before = member(members, 5, null, true);
        ObjectId after = member(members, 15, null, true);
        ObjectId leftAfter = member(members, 5, 15L, false);
        member(members, 5, 8L, false); // left before
        ObjectId back = member(members, 12, 8L, true); // left before, back after

        assertThat(studentsAt(members, 10)).containsExactlyInAnyOrder(before, leftAfter);
        assertThat(studentsAt(members, 20)).containsExactlyInAnyOrder(before, after, back);
    }

    private static ObjectId member(CourseMembers members, long since, Long until, boolean active) {
        ObjectId student = new ObjectId();
        Document membership = new Document("_id", new ObjectId())
                .append("course_id", COURSE)
                .append("student_id", student)
                .append("active", active)
                .append("since", since)
                .append("version", 0L);
        if (until != null) {
            membership.append("until", until);
        }
        members.collection().insertOne(membership);
        return student;
    }

    private static List<Object> studentsAt(CourseMembers members, long position) {
        List<Object> students = new ArrayList<>();
        members.forEachStudentAt(COURSE.toHexString(), position, students::add);
        return students;
    }
}
