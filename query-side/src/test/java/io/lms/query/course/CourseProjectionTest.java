package io.lms.query.course;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lms.api.common.Role;
import io.lms.api.course.AssignmentData;
import io.lms.api.course.Caption;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.ContentView;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CourseView;
import io.lms.api.course.CurriculumReplacedEvent;
import io.lms.api.course.Price;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import io.lms.platform.security.Caller;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds course events to the projection and reads the documents back from a real wire server. */
class CourseProjectionTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String VIDEO = "6b06eb3caa76f936f62db710";
    private static final String QUIZ = "6b06eb3caa76f936f62db711";
    private static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");
    private static final CourseDetails DETAILS = new CourseDetails(
            "Café Python",
            "cafe-python",
            "Learn Python, the Friendly way",
            "programming",
            List.of("python", "Data-Science"),
            CourseLevel.BEGINNER,
            List.of("A computer"),
            List.of("Write scripts"),
            new Price(new BigDecimal("19.99"), "EUR"));
    private static final CourseCreatedEvent CREATED = new CourseCreatedEvent(COURSE, TEACHER, DETAILS);
    private static final QuizData QUIZ_DATA = new QuizData(List.of(new QuizQuestion("2 + 2?", List.of("3", "4"), 1)));
    private static final ContentAddedEvent VIDEO_ADDED = new ContentAddedEvent(
            COURSE,
            VIDEO,
            TEACHER,
            "Café Python",
            CourseStatus.DRAFT,
            ContentType.VIDEO,
            new ContentFields(
                    "Welcome",
                    "",
                    0,
                    new ContentMetadata(120, "https://cdn.example.com/v.mp4", null, "1.2K"),
                    "Hello",
                    List.of(new Caption("en", "https://cdn.example.com/v.vtt")),
                    null,
                    null));
    private static final ContentAddedEvent QUIZ_ADDED = new ContentAddedEvent(
            COURSE,
            QUIZ,
            TEACHER,
            "Café Python",
            CourseStatus.DRAFT,
            ContentType.QUIZ,
            new ContentFields("Check", "", 1, null, null, null, QUIZ_DATA, null));
    private static final List<Topic> CURRICULUM =
            List.of(new Topic("Basics", List.of(new Section("Start", List.of("Setup"), List.of(VIDEO, QUIZ)))));

    private CourseReadModel readModel;
    private CourseProjection projection;

    @BeforeEach
    void setUp() {
        var factory = WireServer.freshDatabase("courses_projection_test");
        readModel = new CourseReadModel(ReadModelCollections.of(factory));
        readModel.courses().deleteMany(new Document());
        readModel.content().deleteMany(new Document());
        projection = new CourseProjection(readModel);
    }

    private Document course() {
        return readModel
                .courses()
                .find(new Document("_id", new ObjectId(COURSE)))
                .first();
    }

    private Document content(String id) {
        return readModel.content().find(new Document("_id", new ObjectId(id))).first();
    }

    @Test
    void a_created_course_becomes_a_document_in_the_documented_shape() {
        projection.on(CREATED, 0, T0);

        Document d = course();
        assertThat(d.getString("title")).isEqualTo("Café Python");
        assertThat(d.getString("slug")).isEqualTo("cafe-python");
        assertThat(d.get("instructor_id")).isEqualTo(new ObjectId(TEACHER));
        assertThat(d.getString("level")).isEqualTo("beginner");
        assertThat(d.getString("status")).isEqualTo("draft");
        assertThat(d.getList("tags", String.class)).containsExactly("python", "Data-Science");
        assertThat(d.getList("topics", Object.class)).isEmpty();
        assertThat(d.get("rating", Document.class))
                .containsEntry("average", 0.0)
                .containsEntry("count", 0);
        assertThat(d.get("enrollment_count")).isEqualTo(0);
        assertThat(d.get("price", Document.class))
                .containsEntry("amount", new Decimal128(new BigDecimal("19.99")))
                .containsEntry("currency", "EUR");
        assertThat(d.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(d.getDate("updated_at")).isEqualTo(Date.from(T0));
        assertThat(d.getList("keywords", String.class))
                .contains("cafe", "python", "learn", "friendly", "data", "science")
                .doesNotHaveDuplicates();
        assertThat(d.get("version", Number.class).longValue()).isZero();
    }

    @Test
    void an_edit_sets_only_the_given_fields_and_works_out_the_search_words_again() {
        projection.on(CREATED, 0, T0);
        projection.on(
                new CourseEditedEvent(
                        COURSE,
                        TEACHER,
                        "Rust basics",
                        new CourseDetails("Rust basics", "rust-basics", null, null, null, null, null, null, null),
                        "cafe-python"),
                1,
                T1);

        Document d = course();
        assertThat(d.getString("title")).isEqualTo("Rust basics");
        assertThat(d.getString("slug")).isEqualTo("rust-basics");
        assertThat(d.getString("description")).isEqualTo("Learn Python, the Friendly way");
        assertThat(d.getList("keywords", String.class))
                .contains("rust", "basics", "learn")
                .doesNotContain("cafe");
        assertThat(d.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(d.getDate("updated_at")).isEqualTo(Date.from(T1));
        assertThat(d.get("version", Number.class).longValue()).isEqualTo(1);
    }

    @Test
    void rating_and_enrollment_count_kept_by_other_projections_survive_course_events() {
        projection.on(CREATED, 0, T0);
        readModel
                .courses()
                .updateOne(
                        new Document("_id", new ObjectId(COURSE)),
                        new Document(
                                "$set",
                                new Document("rating", new Document("average", 4.5).append("count", 2))
                                        .append("enrollment_count", 7)));

        projection.on(CREATED, 0, T0);
        projection.on(
                new CourseEditedEvent(
                        COURSE,
                        TEACHER,
                        "Café Python",
                        new CourseDetails(null, null, "New text", null, null, null, null, null, null),
                        null),
                1,
                T1);
        projection.on(VIDEO_ADDED, 2, T1);
        projection.on(new CoursePublishedEvent(COURSE, TEACHER, "Café Python"), 3, T1);

        Document d = course();
        assertThat(d.get("rating", Document.class)).containsEntry("average", 4.5);
        assertThat(d.get("enrollment_count")).isEqualTo(7);
        assertThat(d.getString("status")).isEqualTo("published");
    }

    @Test
    void added_content_becomes_a_content_document_and_moves_the_course_to_its_version() {
        projection.on(CREATED, 0, T0);
        projection.on(VIDEO_ADDED, 1, T1);
        projection.on(QUIZ_ADDED, 2, T1);

        Document video = content(VIDEO);
        assertThat(video.get("course_id")).isEqualTo(new ObjectId(COURSE));
        assertThat(video.getString("type")).isEqualTo("video");
        assertThat(video.get("order")).isEqualTo(0);
        assertThat(video.get("metadata", Document.class))
                .containsEntry("duration", 120)
                .containsEntry("views", "1.2K")
                .containsEntry("file_url", "https://cdn.example.com/v.mp4");
        assertThat(video.getList("captions", Document.class).get(0)).containsEntry("language", "en");
        assertThat(video.get("version", Number.class).longValue()).isEqualTo(1);
        Document quiz = content(QUIZ).get("quiz_data", Document.class);
        assertThat(quiz.getList("questions", Document.class).get(0)).containsEntry("correct_answer", 1);
        assertThat(course().get("version", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void an_assignment_keeps_its_due_date_as_a_date() {
        Instant due = Instant.parse("2026-12-01T00:00:00Z");
        projection.on(CREATED, 0, T0);
        projection.on(
                new ContentAddedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER,
                        "Café Python",
                        CourseStatus.DRAFT,
                        ContentType.ASSIGNMENT,
                        new ContentFields(
                                "Homework", "", 0, null, null, null, null, new AssignmentData("Do it", due, "file"))),
                1,
                T1);

        assertThat(content(VIDEO).get("assignment_data", Document.class))
                .containsEntry("due_date", Date.from(due))
                .containsEntry("submission_type", "file");
    }

    @Test
    void an_edit_of_content_sets_only_the_given_fields() {
        projection.on(CREATED, 0, T0);
        projection.on(VIDEO_ADDED, 1, T0);
        projection.on(
                new ContentEditedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER,
                        "Café Python",
                        CourseStatus.DRAFT,
                        ContentType.VIDEO,
                        "Hello there",
                        new ContentFields("Hello there", null, 5, null, null, null, null, null)),
                2,
                T1);

        Document video = content(VIDEO);
        assertThat(video.getString("title")).isEqualTo("Hello there");
        assertThat(video.get("order")).isEqualTo(5);
        assertThat(video.getString("transcript")).isEqualTo("Hello");
        assertThat(video.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(video.getDate("updated_at")).isEqualTo(Date.from(T1));
        assertThat(course().get("version", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void deleted_content_leaves_the_content_collection_and_the_curriculum_as_the_event_says() {
        projection.on(CREATED, 0, T0);
        projection.on(VIDEO_ADDED, 1, T0);
        projection.on(QUIZ_ADDED, 2, T0);
        projection.on(new CurriculumReplacedEvent(COURSE, TEACHER, "Café Python", CURRICULUM), 3, T0);
        assertThat(course().getList("topics", Document.class)
                        .get(0)
                        .getList("sections", Document.class)
                        .get(0))
                .containsEntry("videos", List.of(new ObjectId(VIDEO), new ObjectId(QUIZ)));

        List<Topic> without =
                List.of(new Topic("Basics", List.of(new Section("Start", List.of("Setup"), List.of(QUIZ)))));
        projection.on(
                new ContentDeletedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER,
                        "Café Python",
                        CourseStatus.DRAFT,
                        ContentType.VIDEO,
                        "Welcome",
                        true,
                        without),
                4,
                T1);

        assertThat(content(VIDEO)).isNull();
        assertThat(CourseDocuments.courseView(course()).topics()).isEqualTo(without);
        assertThat(course().get("version", Number.class).longValue()).isEqualTo(4);
    }

    @Test
    void an_event_applied_twice_changes_nothing() {
        projection.on(CREATED, 0, T0);
        projection.on(VIDEO_ADDED, 1, T0);
        var edited = new ContentEditedEvent(
                COURSE,
                VIDEO,
                TEACHER,
                "Café Python",
                CourseStatus.DRAFT,
                ContentType.VIDEO,
                "Welcome",
                new ContentFields(null, "Now with a description", null, null, null, null, null, null));
        var courseEdited = new CourseEditedEvent(
                COURSE,
                TEACHER,
                "Café Python",
                new CourseDetails(null, null, null, "data", null, null, null, null, null),
                null);
        projection.on(edited, 2, T1);
        projection.on(courseEdited, 3, T1);
        Document courseOnce = course();
        Document videoOnce = content(VIDEO);

        projection.on(CREATED, 0, T0.plusSeconds(99));
        projection.on(VIDEO_ADDED, 1, T0.plusSeconds(99));
        projection.on(edited, 2, T1.plusSeconds(99));
        projection.on(courseEdited, 3, T1.plusSeconds(99));

        assertThat(course()).isEqualTo(courseOnce);
        assertThat(content(VIDEO)).isEqualTo(videoOnce);
    }

    @Test
    void a_replay_from_the_first_event_rebuilds_the_same_documents() {
        Runnable history = () -> {
            projection.on(CREATED, 0, T0);
            projection.on(VIDEO_ADDED, 1, T0);
            projection.on(new CurriculumReplacedEvent(COURSE, TEACHER, "Café Python", CURRICULUM.subList(0, 1)), 2, T1);
            projection.on(new CoursePublishedEvent(COURSE, TEACHER, "Café Python"), 3, T1);
            projection.on(new CourseArchivedEvent(COURSE, TEACHER, "Café Python", CourseStatus.PUBLISHED), 4, T1);
        };
        history.run();
        Document before = course();
        Document videoBefore = content(VIDEO);

        projection.reset();
        assertThat(course()).isNull();
        history.run();

        assertThat(course()).isEqualTo(before);
        assertThat(content(VIDEO)).isEqualTo(videoBefore);
        assertThat(before.getString("status")).isEqualTo("archived");
    }

    @Test
    void a_student_view_of_a_quiz_has_no_correct_answer_key_at_all() throws Exception {
        projection.on(CREATED, 0, T0);
        projection.on(QUIZ_ADDED, 1, T0);
        ContentView owner = CourseDocuments.contentView(content(QUIZ));
        ObjectMapper rest = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

        assertThat(rest.writeValueAsString(owner)).contains("\"correct_answer\":1");
        assertThat(rest.writeValueAsString(owner.forLearner()))
                .doesNotContain("correct_answer")
                .contains("\"options\":[\"3\",\"4\"]");
    }

    // the catalog

    private static final String OTHER_TEACHER = "6b06eb3caa76f936f62db6f2";

    private void course(
            String id,
            String instructor,
            String title,
            String description,
            List<String> tags,
            CourseLevel level,
            String price,
            boolean publish,
            Instant at) {
        projection.on(
                new CourseCreatedEvent(
                        id,
                        instructor,
                        new CourseDetails(
                                title,
                                id,
                                description,
                                "programming",
                                tags,
                                level,
                                List.of(),
                                List.of(),
                                new Price(new BigDecimal(price), "EUR"))),
                0,
                at);
        if (publish) {
            projection.on(new CoursePublishedEvent(id, instructor, title), 1, at);
        }
    }

    private void catalogFixture() {
        course(
                "6b06eb3caa76f936f62db801",
                TEACHER,
                "Python for Beginners",
                "Learn Python step by step",
                List.of("python"),
                CourseLevel.BEGINNER,
                "10.00",
                true,
                T0);
        course(
                "6b06eb3caa76f936f62db802",
                TEACHER,
                "Advanced Python",
                "Métaclasses and descriptors",
                List.of("python", "advanced"),
                CourseLevel.ADVANCED,
                "49.99",
                true,
                T0.plusSeconds(1));
        course(
                "6b06eb3caa76f936f62db803",
                OTHER_TEACHER,
                "Rust in Action",
                "Systems programming",
                List.of("rust"),
                CourseLevel.INTERMEDIATE,
                "5.50",
                true,
                T0.plusSeconds(2));
        course(
                "6b06eb3caa76f936f62db804",
                TEACHER,
                "Draft Python Course",
                "Unfinished python",
                List.of("python"),
                CourseLevel.BEGINNER,
                "0.00",
                false,
                T0.plusSeconds(3));
        course(
                "6b06eb3caa76f936f62db805",
                OTHER_TEACHER,
                "Other Draft",
                "Unfinished",
                List.of(),
                CourseLevel.BEGINNER,
                "0.00",
                false,
                T0.plusSeconds(4));
    }

    private List<String> titles(CatalogQuery query, Caller caller) {
        PageResponse<CourseView> page = readModel.catalog(query, caller, 0, 20);
        return page.items().stream().map(CourseView::title).toList();
    }

    private static CatalogQuery query(String text, CourseStatus status, String sort) {
        return new CatalogQuery(null, null, null, null, status, text, null, CatalogSort.of(sort));
    }

    @Test
    void anonymous_callers_see_published_courses_newest_first() {
        catalogFixture();
        assertThat(titles(query(null, null, null), Caller.anonymous()))
                .containsExactly("Rust in Action", "Advanced Python", "Python for Beginners");
        assertThat(titles(query(null, CourseStatus.DRAFT, null), Caller.anonymous()))
                .isEmpty();
    }

    @Test
    void an_instructor_sees_their_own_drafts_and_an_admin_sees_everything() {
        catalogFixture();
        assertThat(titles(query(null, CourseStatus.DRAFT, null), new Caller(TEACHER, Role.INSTRUCTOR)))
                .containsExactly("Draft Python Course");
        assertThat(titles(query(null, CourseStatus.DRAFT, null), new Caller(TEACHER, Role.STUDENT)))
                .isEmpty();
        assertThat(titles(query(null, null, null), new Caller("6b06eb3caa76f936f62db6f9", Role.ADMIN)))
                .hasSize(5);
    }

    @Test
    void text_search_needs_every_word_ignoring_case_and_accents() {
        catalogFixture();
        assertThat(titles(query("PYTHON", null, "title"), Caller.anonymous()))
                .containsExactly("Advanced Python", "Python for Beginners");
        assertThat(titles(query("python metaclasses", null, null), Caller.anonymous()))
                .containsExactly("Advanced Python");
        assertThat(titles(query("python rust", null, null), Caller.anonymous())).isEmpty();
    }

    @Test
    void filters_and_sorts_combine() {
        catalogFixture();
        assertThat(titles(query(null, null, "price.amount"), Caller.anonymous()))
                .containsExactly("Rust in Action", "Python for Beginners", "Advanced Python");
        assertThat(titles(
                        new CatalogQuery(
                                null, CourseLevel.ADVANCED, null, null, null, null, null, CatalogSort.of(null)),
                        Caller.anonymous()))
                .containsExactly("Advanced Python");
        assertThat(titles(
                        new CatalogQuery(
                                null,
                                null,
                                List.of("python", "advanced"),
                                null,
                                null,
                                null,
                                null,
                                CatalogSort.of(null)),
                        Caller.anonymous()))
                .containsExactly("Advanced Python");
        assertThat(titles(
                        new CatalogQuery(null, null, null, OTHER_TEACHER, null, null, null, CatalogSort.of(null)),
                        Caller.anonymous()))
                .containsExactly("Rust in Action");
        assertThat(titles(
                        new CatalogQuery(null, null, null, null, null, null, 0.5, CatalogSort.of(null)),
                        Caller.anonymous()))
                .isEmpty();
    }
}
