package io.lms.benchmark;

import io.lms.api.common.Role;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.Price;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.user.Profile;
import io.lms.api.user.UserProfileChangedEvent;
import io.lms.api.user.UserRegisteredEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** The replay benchmark's history: the events in commit order, each made when it is reached (forum posts take the forum's next number). */
final class ReplayHistory implements Iterable<Supplier<DomainEventMessage<?>>> {

    static final int INSTRUCTORS = 50;
    static final int COURSES = 200;
    private static final int VIDEOS = 8;
    private static final int QUIZZES = 2;
    private static final int ITEMS = VIDEOS + QUIZZES;
    private static final int INTERLEAVED = 64;

    static String course(int c) {
        return id(0xC0, c);
    }

    private static String instructor(int i) {
        return id(0x7E, i);
    }

    private static String student(long s) {
        return id(0x51, s);
    }

    private static String item(int c, int i) {
        return id(0xA0, (long) c * ITEMS + i);
    }

    private static String forum(int c) {
        return id(0xF0, c);
    }

    private static String id(int tag, long n) {
        return SeedDatabase.taggedId(tag, n);
    }

    private final long students;
    private final long[] forumVersions = new long[COURSES];

    ReplayHistory(long students) {
        this.students = Math.max(students, 100);
    }

    @Override
    public Iterator<Supplier<DomainEventMessage<?>>> iterator() {
        return new Iterator<>() {
            private final List<Supplier<DomainEventMessage<?>>> pending = new ArrayList<>();
            private int position;
            private long nextEnrollment;
            private boolean started;

            @Override
            public boolean hasNext() {
                return true; // enrollments go on until the seed has enough
            }

            @Override
            public Supplier<DomainEventMessage<?>> next() {
                if (position == pending.size()) {
                    pending.clear();
                    position = 0;
                    if (!started) {
                        started = true;
                        users(pending);
                        courses(pending);
                    } else {
                        enrollments(nextEnrollment, pending);
                        nextEnrollment += INTERLEAVED;
                    }
                }
                return pending.get(position++);
            }
        };
    }

    private void users(List<Supplier<DomainEventMessage<?>>> out) {
        for (int i = 0; i < INSTRUCTORS; i++) {
            String id = instructor(i);
            String name = "teacher" + i;
            out.add(() -> event("User", id, 0, id, registered(id, name, Role.INSTRUCTOR)));
        }
        for (long s = 0; s < students; s++) {
            String id = student(s);
            long n = s;
            out.add(() -> event("User", id, 0, id, registered(id, "student" + n, Role.STUDENT)));
            if (s % 10 == 0) {
                out.add(() -> event(
                        "User", id, 1, id, new UserProfileChangedEvent(id, new Profile("Student " + n, "hi", null))));
            }
        }
    }

    private static UserRegisteredEvent registered(String id, String name, Role role) {
        return new UserRegisteredEvent(id, name, name + "@example.com", role, new Profile(name, null, null));
    }

    private void courses(List<Supplier<DomainEventMessage<?>>> out) {
        for (int number = 0; number < COURSES; number++) {
            int c = number;
            String course = course(c);
            String teacher = instructor(c % INSTRUCTORS);
            String title = "Course " + c;
            CourseDetails details = new CourseDetails(
                    title,
                    "course-" + c,
                    "Learning " + c + " in ten steps",
                    c % 2 == 0 ? "programming" : "design",
                    List.of("tag" + c % 7, "replay"),
                    CourseLevel.values()[c % CourseLevel.values().length],
                    List.of("curiosity"),
                    List.of("skill " + c),
                    new Price(new BigDecimal("19.90"), "EUR"));
            out.add(() -> event("Course", course, 0, teacher, new CourseCreatedEvent(course, teacher, details)));
            for (int i = 0; i < ITEMS; i++) {
                int n = i;
                out.add(() -> event("Course", course, n + 1, teacher, content(c, n, title, teacher)));
            }
            out.add(() ->
                    event("Course", course, ITEMS + 1, teacher, new CoursePublishedEvent(course, teacher, title)));
            String forum = forum(c);
            out.add(() -> event(
                    "Forum", forum, 0, teacher, new ForumCreatedEvent(forum, course, teacher, teacher, title, "Ask")));
        }
    }

    private static ContentAddedEvent content(int c, int i, String title, String teacher) {
        boolean quiz = i >= VIDEOS;
        ContentFields fields = new ContentFields(
                (quiz ? "Quiz " : "Video ") + i,
                "Step " + i,
                i,
                quiz ? null : new ContentMetadata(300 + i, "https://cdn.example.com/" + c + "/" + i, null, null),
                quiz ? null : "Transcript " + i,
                null,
                quiz ? new QuizData(List.of(new QuizQuestion("Which?", List.of("a", "b"), 1))) : null,
                null);
        return new ContentAddedEvent(
                course(c),
                item(c, i),
                teacher,
                title,
                CourseStatus.DRAFT,
                quiz ? ContentType.QUIZ : ContentType.VIDEO,
                fields);
    }

    /** {@link #INTERLEAVED} enrollments from {@code first}, their events taken in turn. */
    private void enrollments(long first, List<Supplier<DomainEventMessage<?>>> out) {
        List<List<Supplier<DomainEventMessage<?>>>> each = new ArrayList<>();
        for (long k = first; k < first + INTERLEAVED; k++) {
            each.add(enrollment(k));
        }
        for (int step = 0; ; step++) {
            boolean any = false;
            for (List<Supplier<DomainEventMessage<?>>> events : each) {
                if (step < events.size()) {
                    out.add(events.get(step));
                    any = true;
                }
            }
            if (!any) {
                return;
            }
        }
    }

    /** Enrollment {@code k}: student {@code k % students} in course {@code (k % students + k / students) % COURSES}. */
    private List<Supplier<DomainEventMessage<?>>> enrollment(long k) {
        String student = student(k % students);
        int c = (int) ((k % students + k / students) % COURSES);
        String course = course(c);
        String teacher = instructor(c % INSTRUCTORS);
        String title = "Course " + c;
        String id = new EnrollmentKey(student, course).enrollmentId();
        List<Supplier<DomainEventMessage<?>>> out = new ArrayList<>();
        long[] v = {0};
        out.add(() -> event(
                "Enrollment", id, v[0]++, student, new StudentEnrolledEvent(id, student, course, teacher, title)));
        int done = 0;
        for (int i = 0; i < VIDEOS; i++) {
            String item = item(c, i);
            int before = done;
            out.add(() -> event(
                    "Enrollment",
                    id,
                    v[0]++,
                    student,
                    video(id, student, course, item, ProgressStatus.STARTED, before)));
            done++;
            int after = done;
            out.add(() -> event(
                    "Enrollment",
                    id,
                    v[0]++,
                    student,
                    video(id, student, course, item, ProgressStatus.COMPLETED, after)));
        }
        for (int q = 0; q < QUIZZES; q++) {
            String item = item(c, VIDEOS + q);
            double score = (k + q) % 2 == 0 ? 100.0 : 0.0;
            done++;
            int after = done;
            out.add(() -> event(
                    "Enrollment",
                    id,
                    v[0]++,
                    student,
                    new QuizAttemptedEvent(
                            id,
                            student,
                            course,
                            item,
                            1,
                            List.of(1),
                            score > 0 ? 1 : 0,
                            1,
                            score,
                            score,
                            after,
                            ITEMS,
                            after * 100.0 / ITEMS)));
        }
        out.add(() -> event("Enrollment", id, v[0]++, student, new EnrollmentCompletedEvent(id, student, course)));
        if (k % 20 == 0) {
            String certificate = id(0xCE, k);
            String code = String.format(Locale.ROOT, "%032x", k);
            out.add(() -> event(
                    "Enrollment",
                    id,
                    v[0]++,
                    student,
                    new CertificateIssuedEvent(id, certificate, student, course, title, code)));
        }
        if (k % 5 == 0) {
            String review = id(0x4E, k);
            int rating = (int) (k % 5) + 1;
            out.add(() -> event(
                    "Enrollment",
                    id,
                    v[0]++,
                    student,
                    new ReviewWrittenEvent(id, review, student, course, rating, "Review " + k)));
        }
        if (k % 10 == 0) {
            String forum = forum(c);
            String post = id(0xB0, k);
            out.add(() -> event(
                    "Forum",
                    forum,
                    ++forumVersions[c],
                    student,
                    new ForumPostAddedEvent(forum, post, course, student, "Question " + k, null, null, title)));
        }
        if (k % 50 == 0) {
            out.add(() ->
                    event("Enrollment", id, v[0]++, student, new StudentUnenrolledEvent(id, student, course, teacher)));
        }
        return out;
    }

    /** Progress on a video: started at 50 %, completed at 100 %; {@code done} items of the course completed. */
    private static ContentProgressRecordedEvent video(
            String id, String student, String course, String item, ProgressStatus status, int done) {
        int progress = status == ProgressStatus.COMPLETED ? 100 : 50;
        return new ContentProgressRecordedEvent(
                id, student, course, item, ContentType.VIDEO, status, progress, done, ITEMS, done * 100.0 / ITEMS);
    }

    private static DomainEventMessage<?> event(String type, String id, long version, String actor, Object payload) {
        String correlation = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>(
                type,
                id,
                version,
                payload,
                Map.of("user_id", actor, "correlation_id", correlation, "causation_id", correlation),
                UUID.randomUUID().toString(),
                Instant.EPOCH);
    }
}
