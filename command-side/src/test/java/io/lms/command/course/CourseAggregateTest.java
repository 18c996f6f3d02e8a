package io.lms.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.course.AddContentCommand;
import io.lms.api.course.ArchiveCourseCommand;
import io.lms.api.course.AssignmentData;
import io.lms.api.course.Caption;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CreateCourseCommand;
import io.lms.api.course.CurriculumReplacedEvent;
import io.lms.api.course.DeleteContentCommand;
import io.lms.api.course.EditContentCommand;
import io.lms.api.course.EditCourseCommand;
import io.lms.api.course.Price;
import io.lms.api.course.PublishCourseCommand;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.course.ReplaceCurriculumCommand;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import io.lms.api.error.ErrorCode;
import io.lms.command.lookup.InMemoryUniqueKeys;
import io.lms.platform.error.DomainException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CourseAggregateTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String OTHER_COURSE = "6b06eb3caa76f936f62db701";
    private static final String VIDEO = "6b06eb3caa76f936f62db710";
    private static final String QUIZ = "6b06eb3caa76f936f62db711";
    private static final String FOREIGN_VIDEO = "6b06eb3caa76f936f62db719";
    private static final Actor TEACHER = new Actor("6b06eb3caa76f936f62db6f1", Role.INSTRUCTOR);
    private static final Actor OTHER_TEACHER = new Actor("6b06eb3caa76f936f62db6f2", Role.INSTRUCTOR);
    private static final Actor STUDENT = new Actor("6b06eb3caa76f936f62db6f3", Role.STUDENT);
    private static final Actor ADMIN = new Actor("6b06eb3caa76f936f62db6f4", Role.ADMIN);
    private static final Price PRICE = new Price(new BigDecimal("19.99"), "EUR");

    private static final CourseDetails DETAILS = new CourseDetails(
            "Intro to Python",
            "intro-to-python",
            "Learn Python from scratch",
            "programming",
            List.of("python", "beginners"),
            CourseLevel.BEGINNER,
            List.of("A computer"),
            List.of("Write scripts"),
            PRICE);
    private static final CourseCreatedEvent CREATED = new CourseCreatedEvent(COURSE, TEACHER.userId(), DETAILS);
    private static final ContentFields VIDEO_FIELDS = new ContentFields(
            "Welcome",
            "",
            0,
            new ContentMetadata(120, "https://cdn.example.com/v.mp4", null, "0"),
            "Hello and welcome",
            List.of(new Caption("en", "https://cdn.example.com/v.en.vtt")),
            null,
            null);
    private static final ContentAddedEvent VIDEO_ADDED = new ContentAddedEvent(
            COURSE, VIDEO, TEACHER.userId(), "Intro to Python", CourseStatus.DRAFT, ContentType.VIDEO, VIDEO_FIELDS);
    private static final QuizData GOOD_QUIZ =
            new QuizData(List.of(new QuizQuestion("2 + 2?", List.of("3", "4", "5"), 1)));
    private static final ContentAddedEvent QUIZ_ADDED = new ContentAddedEvent(
            COURSE,
            QUIZ,
            TEACHER.userId(),
            "Intro to Python",
            CourseStatus.DRAFT,
            ContentType.QUIZ,
            new ContentFields("Check", "", 1, null, null, null, GOOD_QUIZ, null));
    private static final CoursePublishedEvent PUBLISHED =
            new CoursePublishedEvent(COURSE, TEACHER.userId(), "Intro to Python");
    private static final List<Topic> CURRICULUM = List.of(
            new Topic("Basics", List.of(new Section("Getting started", List.of("Setup"), List.of(VIDEO, QUIZ)))));

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private FixtureConfiguration<Course> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Course.class);
        fixture.registerInjectableResource(keys);
    }

    // creating

    @Test
    void an_instructor_creates_a_draft_course_and_claims_its_slug() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, DETAILS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
        assertThat(keys.owners).containsEntry("slug:intro-to-python", COURSE);
    }

    @Test
    void an_absent_slug_is_derived_from_the_title_without_accents_or_punctuation() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, details("  Café & Crème: Éclairs, 101!  ", null)))
                .expectEvents(new CourseCreatedEvent(
                        COURSE, TEACHER.userId(), details("Café & Crème: Éclairs, 101!", "cafe-creme-eclairs-101")));
    }

    @Test
    void a_title_with_no_latin_letters_gets_a_slug_from_the_course_id() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, details("日本語", null)))
                .expectEvents(new CourseCreatedEvent(COURSE, TEACHER.userId(), details("日本語", "course-" + COURSE)));
    }

    @Test
    void an_admin_creates_a_course_and_becomes_its_instructor() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, ADMIN, DETAILS))
                .expectEvents(new CourseCreatedEvent(COURSE, ADMIN.userId(), DETAILS));
    }

    @Test
    void a_student_cannot_create_a_course() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, STUDENT, DETAILS))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        assertThat(keys.owners).isEmpty();
    }

    @Test
    void a_slug_taken_by_another_course_is_refused() {
        keys.claim("slug:intro-to-python", OTHER_COURSE);
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, DETAILS))
                .expectException(code(ErrorCode.SLUG_TAKEN))
                .expectNoEvents();
        assertThat(keys.owners).containsEntry("slug:intro-to-python", OTHER_COURSE);
    }

    @Test
    void a_derived_slug_that_is_taken_is_refused_too() {
        keys.claim("slug:intro-to-python", OTHER_COURSE);
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, details("Intro to Python", null)))
                .expectException(code(ErrorCode.SLUG_TAKEN))
                .expectNoEvents();
    }

    @Test
    void a_slug_with_characters_outside_a_to_z_digits_and_dash_is_refused() {
        refusedCreation(details("Intro", "Intro_To_Python"), ErrorCode.VALIDATION_FAILED);
        refusedCreation(details("Intro", "intro to python"), ErrorCode.VALIDATION_FAILED);
        refusedCreation(details("Intro", "x".repeat(101)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void an_empty_or_blank_title_is_refused() {
        refusedCreation(details("", null), ErrorCode.VALIDATION_FAILED);
        refusedCreation(details("   ", "blank"), ErrorCode.VALIDATION_FAILED);
        refusedCreation(details(null, "none"), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_title_of_ten_thousand_characters_is_refused() {
        refusedCreation(details("t".repeat(10_000), "long"), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_negative_price_is_refused() {
        refusedCreation(withPrice(new Price(new BigDecimal("-1"), "EUR")), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_price_with_three_fraction_digits_is_refused() {
        refusedCreation(withPrice(new Price(new BigDecimal("9.999"), "EUR")), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void an_unknown_or_lower_case_currency_is_refused() {
        refusedCreation(withPrice(new Price(BigDecimal.TEN, "ABC")), ErrorCode.VALIDATION_FAILED);
        refusedCreation(withPrice(new Price(BigDecimal.TEN, "eur")), ErrorCode.VALIDATION_FAILED);
        refusedCreation(withPrice(new Price(BigDecimal.TEN, null)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_price_is_kept_with_two_fraction_digits() {
        CourseDetails free = withPrice(new Price(BigDecimal.ZERO, "USD"));
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, free))
                .expectEvents(new CourseCreatedEvent(
                        COURSE, TEACHER.userId(), withPrice(new Price(new BigDecimal("0.00"), "USD"))));
    }

    @Test
    void a_course_without_a_level_is_refused() {
        refusedCreation(
                new CourseDetails("Intro", "intro", "", "programming", null, null, null, null, PRICE),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void more_than_twenty_tags_or_a_tag_over_fifty_characters_is_refused() {
        List<String> many =
                java.util.stream.IntStream.range(0, 21).mapToObj(i -> "tag" + i).toList();
        refusedCreation(withTags(many), ErrorCode.VALIDATION_FAILED);
        refusedCreation(withTags(List.of("x".repeat(51))), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_description_over_twenty_thousand_characters_is_refused() {
        refusedCreation(
                new CourseDetails(
                        "Intro",
                        "intro",
                        "d".repeat(20_001),
                        "programming",
                        null,
                        CourseLevel.ADVANCED,
                        null,
                        null,
                        PRICE),
                ErrorCode.VALIDATION_FAILED);
    }

    // editing

    @Test
    void the_instructor_edits_some_fields_and_the_event_carries_only_those() {
        CourseDetails changes = new CourseDetails(
                "Python for everyone", null, "New text", null, null, CourseLevel.INTERMEDIATE, null, null, null);
        fixture.given(CREATED)
                .when(new EditCourseCommand(COURSE, TEACHER, changes, null))
                .expectEvents(new CourseEditedEvent(COURSE, TEACHER.userId(), "Python for everyone", changes, null));
    }

    @Test
    void an_admin_edits_any_course() {
        CourseDetails changes = new CourseDetails(null, null, null, "data", null, null, null, null, null);
        fixture.given(CREATED)
                .when(new EditCourseCommand(COURSE, ADMIN, changes, null))
                .expectEvents(new CourseEditedEvent(COURSE, TEACHER.userId(), "Intro to Python", changes, null));
    }

    @Test
    void another_instructor_cannot_edit_the_course() {
        fixture.given(CREATED)
                .when(new EditCourseCommand(COURSE, OTHER_TEACHER, onlyTitle("Mine now"), null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void a_new_slug_is_claimed_and_the_old_one_given_back() {
        keys.claim("slug:intro-to-python", COURSE);
        CourseDetails changes = new CourseDetails(null, "python-101", null, null, null, null, null, null, null);
        fixture.given(CREATED)
                .when(new EditCourseCommand(COURSE, TEACHER, changes, null))
                .expectEvents(
                        new CourseEditedEvent(COURSE, TEACHER.userId(), "Intro to Python", changes, "intro-to-python"));
        assertThat(keys.owners).containsEntry("slug:python-101", COURSE).doesNotContainKey("slug:intro-to-python");
    }

    @Test
    void a_new_slug_taken_by_another_course_is_refused_and_the_old_one_kept() {
        keys.claim("slug:intro-to-python", COURSE);
        keys.claim("slug:python-101", OTHER_COURSE);
        fixture.given(CREATED)
                .when(new EditCourseCommand(
                        COURSE,
                        TEACHER,
                        new CourseDetails(null, "python-101", null, null, null, null, null, null, null),
                        null))
                .expectException(code(ErrorCode.SLUG_TAKEN))
                .expectNoEvents();
        assertThat(keys.owners)
                .containsEntry("slug:intro-to-python", COURSE)
                .containsEntry("slug:python-101", OTHER_COURSE);
    }

    @Test
    void an_edit_that_changes_neither_title_nor_slug_nor_anything_else_stores_nothing() {
        fixture.given(CREATED)
                .when(new EditCourseCommand(
                        COURSE,
                        TEACHER,
                        new CourseDetails(
                                "Intro to Python", "intro-to-python", null, null, null, null, null, null, null),
                        null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_edit_with_a_bad_price_or_title_is_refused() {
        fixture.given(CREATED)
                .when(new EditCourseCommand(
                        COURSE,
                        TEACHER,
                        new CourseDetails(
                                null, null, null, null, null, null, null, null, new Price(BigDecimal.ONE, "XXY")),
                        null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(CREATED)
                .when(new EditCourseCommand(COURSE, TEACHER, onlyTitle(" "), null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void the_description_of_a_published_course_cannot_be_emptied() {
        fixture.given(CREATED, VIDEO_ADDED, PUBLISHED)
                .when(new EditCourseCommand(
                        COURSE, TEACHER, new CourseDetails(null, null, "  ", null, null, null, null, null, null), null))
                .expectException(code(ErrorCode.COURSE_NOT_PUBLISHABLE))
                .expectNoEvents();
    }

    // status

    @Test
    void a_course_with_a_description_and_content_is_published() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new PublishCourseCommand(COURSE, TEACHER, null))
                .expectEvents(PUBLISHED);
    }

    @Test
    void publishing_a_course_without_content_is_refused() {
        fixture.given(CREATED)
                .when(new PublishCourseCommand(COURSE, TEACHER, null))
                .expectException(code(ErrorCode.COURSE_NOT_PUBLISHABLE))
                .expectNoEvents();
    }

    @Test
    void publishing_a_course_without_a_description_is_refused() {
        fixture.given(new CourseCreatedEvent(COURSE, TEACHER.userId(), withDescription("")), VIDEO_ADDED)
                .when(new PublishCourseCommand(COURSE, TEACHER, null))
                .expectException(code(ErrorCode.COURSE_NOT_PUBLISHABLE))
                .expectNoEvents();
    }

    @Test
    void a_course_whose_description_was_edited_away_cannot_be_published() {
        CourseDetails cleared = new CourseDetails(null, null, "", null, null, null, null, null, null);
        fixture.given(
                        CREATED,
                        VIDEO_ADDED,
                        new CourseEditedEvent(COURSE, TEACHER.userId(), "Intro to Python", cleared, null))
                .when(new PublishCourseCommand(COURSE, TEACHER, null))
                .expectException(code(ErrorCode.COURSE_NOT_PUBLISHABLE))
                .expectNoEvents();
    }

    @Test
    void publishing_a_published_course_again_is_an_illegal_move() {
        fixture.given(CREATED, VIDEO_ADDED, PUBLISHED)
                .when(new PublishCourseCommand(COURSE, TEACHER, null))
                .expectException(code(ErrorCode.ILLEGAL_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void an_archived_course_cannot_be_published() {
        fixture.given(
                        CREATED,
                        VIDEO_ADDED,
                        new CourseArchivedEvent(COURSE, TEACHER.userId(), "Intro to Python", CourseStatus.DRAFT))
                .when(new PublishCourseCommand(COURSE, TEACHER, null))
                .expectException(code(ErrorCode.ILLEGAL_STATUS_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void another_instructor_cannot_publish_or_archive() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new PublishCourseCommand(COURSE, OTHER_TEACHER, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new ArchiveCourseCommand(COURSE, STUDENT, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void an_admin_publishes_someone_elses_course() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new PublishCourseCommand(COURSE, ADMIN, null))
                .expectEvents(PUBLISHED);
    }

    @Test
    void a_draft_is_archived() {
        fixture.given(CREATED)
                .when(new ArchiveCourseCommand(COURSE, TEACHER, null))
                .expectEvents(new CourseArchivedEvent(COURSE, TEACHER.userId(), "Intro to Python", CourseStatus.DRAFT));
    }

    @Test
    void a_published_course_is_archived() {
        fixture.given(CREATED, VIDEO_ADDED, PUBLISHED)
                .when(new ArchiveCourseCommand(COURSE, ADMIN, null))
                .expectEvents(
                        new CourseArchivedEvent(COURSE, TEACHER.userId(), "Intro to Python", CourseStatus.PUBLISHED));
    }

    @Test
    void archiving_an_archived_course_is_an_illegal_move() {
        fixture.given(CREATED, new CourseArchivedEvent(COURSE, TEACHER.userId(), "Intro to Python", CourseStatus.DRAFT))
                .when(new ArchiveCourseCommand(COURSE, TEACHER, null))
                .expectException(code(ErrorCode.ILLEGAL_STATUS_TRANSITION))
                .expectNoEvents();
    }

    // content

    @Test
    void the_instructor_adds_a_video_with_every_field() {
        fixture.given(CREATED)
                .when(new AddContentCommand(COURSE, VIDEO, TEACHER, ContentType.VIDEO, VIDEO_FIELDS, null))
                .expectEvents(VIDEO_ADDED);
    }

    @Test
    void content_without_an_order_goes_after_the_existing_items() {
        ContentFields noOrder = new ContentFields("Check", null, null, null, null, null, GOOD_QUIZ, null);
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new AddContentCommand(COURSE, QUIZ, TEACHER, ContentType.QUIZ, noOrder, null))
                .expectEvents(QUIZ_ADDED);
    }

    @Test
    void an_assignment_is_added_with_its_instructions() {
        AssignmentData work = new AssignmentData("Write a script", Instant.parse("2026-12-01T00:00:00Z"), "file");
        ContentFields fields = new ContentFields("Homework", "", 2, null, null, null, null, work);
        fixture.given(CREATED)
                .when(new AddContentCommand(COURSE, VIDEO, TEACHER, ContentType.ASSIGNMENT, fields, null))
                .expectEvents(new ContentAddedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER.userId(),
                        "Intro to Python",
                        CourseStatus.DRAFT,
                        ContentType.ASSIGNMENT,
                        fields));
    }

    @Test
    void an_assignment_without_assignment_data_is_refused() {
        refusedContent(
                ContentType.ASSIGNMENT,
                new ContentFields("Homework", null, null, null, null, null, null, null),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_quiz_without_questions_is_refused() {
        refusedContent(ContentType.QUIZ, quiz(new QuizData(List.of())), ErrorCode.INVALID_QUIZ);
        refusedContent(ContentType.QUIZ, quiz(null), ErrorCode.INVALID_QUIZ);
    }

    @Test
    void a_quiz_question_without_two_options_is_refused() {
        refusedContent(
                ContentType.QUIZ,
                quiz(new QuizData(List.of(new QuizQuestion("Q?", List.of(), 0)))),
                ErrorCode.INVALID_QUIZ);
        refusedContent(
                ContentType.QUIZ,
                quiz(new QuizData(List.of(new QuizQuestion("Q?", List.of("only"), 0)))),
                ErrorCode.INVALID_QUIZ);
    }

    @Test
    void a_quiz_answer_that_does_not_index_its_options_is_refused() {
        refusedContent(
                ContentType.QUIZ,
                quiz(new QuizData(List.of(new QuizQuestion("Q?", List.of("a", "b"), 2)))),
                ErrorCode.INVALID_QUIZ);
        refusedContent(
                ContentType.QUIZ,
                quiz(new QuizData(List.of(new QuizQuestion("Q?", List.of("a", "b"), -1)))),
                ErrorCode.INVALID_QUIZ);
        refusedContent(
                ContentType.QUIZ,
                quiz(new QuizData(List.of(new QuizQuestion("Q?", List.of("a", "b"), null)))),
                ErrorCode.INVALID_QUIZ);
    }

    @Test
    void quiz_data_on_a_video_is_refused() {
        refusedContent(ContentType.VIDEO, quiz(GOOD_QUIZ), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void content_without_a_type_or_title_is_refused() {
        refusedContent(null, VIDEO_FIELDS, ErrorCode.VALIDATION_FAILED);
        refusedContent(
                ContentType.VIDEO,
                new ContentFields(" ", null, null, null, null, null, null, null),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_negative_duration_or_a_file_url_that_is_not_a_web_url_is_refused() {
        refusedContent(
                ContentType.VIDEO,
                new ContentFields("V", null, null, new ContentMetadata(-1, null, null, null), null, null, null, null),
                ErrorCode.VALIDATION_FAILED);
        refusedContent(
                ContentType.VIDEO,
                new ContentFields(
                        "V",
                        null,
                        null,
                        new ContentMetadata(1, "javascript:alert(1)", null, null),
                        null,
                        null,
                        null,
                        null),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_student_cannot_add_content() {
        fixture.given(CREATED)
                .when(new AddContentCommand(COURSE, VIDEO, STUDENT, ContentType.VIDEO, VIDEO_FIELDS, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void editing_a_quiz_carries_only_the_changes_and_the_current_title() {
        QuizData harder = new QuizData(List.of(new QuizQuestion("3 * 3?", List.of("6", "9"), 1)));
        ContentFields changes = new ContentFields(null, null, null, null, null, null, harder, null);
        fixture.given(CREATED, QUIZ_ADDED)
                .when(new EditContentCommand(COURSE, QUIZ, TEACHER, null, changes, null))
                .expectEvents(new ContentEditedEvent(
                        COURSE,
                        QUIZ,
                        TEACHER.userId(),
                        "Intro to Python",
                        CourseStatus.DRAFT,
                        ContentType.QUIZ,
                        "Check",
                        changes));
    }

    @Test
    void an_edited_quiz_with_an_answer_out_of_range_is_refused() {
        QuizData broken = new QuizData(List.of(new QuizQuestion("Q?", List.of("a", "b"), 5)));
        fixture.given(CREATED, QUIZ_ADDED)
                .when(new EditContentCommand(
                        COURSE,
                        QUIZ,
                        TEACHER,
                        null,
                        new ContentFields(null, null, null, null, null, null, broken, null),
                        null))
                .expectException(code(ErrorCode.INVALID_QUIZ))
                .expectNoEvents();
    }

    @Test
    void the_type_of_a_content_item_cannot_change() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new EditContentCommand(
                        COURSE,
                        VIDEO,
                        TEACHER,
                        ContentType.QUIZ,
                        new ContentFields(null, null, null, null, null, null, GOOD_QUIZ, null),
                        null))
                .expectException(code(ErrorCode.CONTENT_TYPE_CHANGE))
                .expectNoEvents();
    }

    @Test
    void editing_content_of_another_course_is_not_found() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new EditContentCommand(
                        COURSE,
                        FOREIGN_VIDEO,
                        TEACHER,
                        null,
                        new ContentFields("x", null, null, null, null, null, null, null),
                        null))
                .expectException(code(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void another_instructor_cannot_edit_or_delete_content() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new EditContentCommand(
                        COURSE,
                        VIDEO,
                        OTHER_TEACHER,
                        null,
                        new ContentFields("x", null, null, null, null, null, null, null),
                        null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new DeleteContentCommand(COURSE, VIDEO, OTHER_TEACHER, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void deleting_content_removes_it_from_the_curriculum_and_the_event_says_so() {
        List<Topic> without =
                List.of(new Topic("Basics", List.of(new Section("Getting started", List.of("Setup"), List.of(QUIZ)))));
        fixture.given(
                        CREATED,
                        VIDEO_ADDED,
                        QUIZ_ADDED,
                        new CurriculumReplacedEvent(COURSE, TEACHER.userId(), "Intro to Python", CURRICULUM))
                .when(new DeleteContentCommand(COURSE, VIDEO, TEACHER, null))
                .expectEvents(new ContentDeletedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER.userId(),
                        "Intro to Python",
                        CourseStatus.DRAFT,
                        ContentType.VIDEO,
                        "Welcome",
                        true,
                        without));
    }

    @Test
    void deleting_content_the_curriculum_does_not_name_leaves_it_alone() {
        fixture.given(CREATED, VIDEO_ADDED, QUIZ_ADDED)
                .when(new DeleteContentCommand(COURSE, QUIZ, ADMIN, null))
                .expectEvents(new ContentDeletedEvent(
                        COURSE,
                        QUIZ,
                        TEACHER.userId(),
                        "Intro to Python",
                        CourseStatus.DRAFT,
                        ContentType.QUIZ,
                        "Check",
                        false,
                        null));
    }

    @Test
    void a_deleted_item_can_no_longer_be_named_in_the_curriculum() {
        fixture.given(
                        CREATED,
                        VIDEO_ADDED,
                        QUIZ_ADDED,
                        new ContentDeletedEvent(
                                COURSE,
                                QUIZ,
                                TEACHER.userId(),
                                "Intro to Python",
                                CourseStatus.DRAFT,
                                ContentType.QUIZ,
                                "Check",
                                false,
                                null))
                .when(new ReplaceCurriculumCommand(COURSE, TEACHER, CURRICULUM, null))
                .expectException(code(ErrorCode.UNKNOWN_CURRICULUM_CONTENT))
                .expectNoEvents();
    }

    @Test
    void the_last_content_item_of_a_published_course_cannot_be_deleted() {
        fixture.given(CREATED, VIDEO_ADDED, PUBLISHED)
                .when(new DeleteContentCommand(COURSE, VIDEO, TEACHER, null))
                .expectException(code(ErrorCode.COURSE_NOT_PUBLISHABLE))
                .expectNoEvents();
    }

    @Test
    void deleting_an_unknown_content_item_is_not_found() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new DeleteContentCommand(COURSE, FOREIGN_VIDEO, TEACHER, null))
                .expectException(code(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    // curriculum

    @Test
    void a_curriculum_of_the_course_s_own_content_replaces_the_old_one() {
        fixture.given(CREATED, VIDEO_ADDED, QUIZ_ADDED)
                .when(new ReplaceCurriculumCommand(COURSE, TEACHER, CURRICULUM, null))
                .expectEvents(new CurriculumReplacedEvent(COURSE, TEACHER.userId(), "Intro to Python", CURRICULUM));
    }

    @Test
    void a_curriculum_naming_another_course_s_content_is_refused() {
        List<Topic> foreign =
                List.of(new Topic("Basics", List.of(new Section("Stolen", List.of(), List.of(VIDEO, FOREIGN_VIDEO)))));
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new ReplaceCurriculumCommand(COURSE, TEACHER, foreign, null))
                .expectException(code(ErrorCode.UNKNOWN_CURRICULUM_CONTENT))
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.violations().get(0).field().equals("topics[0].sections[0].videos[1]")))
                .expectNoEvents();
    }

    @Test
    void the_same_curriculum_again_stores_nothing() {
        fixture.given(
                        CREATED,
                        VIDEO_ADDED,
                        QUIZ_ADDED,
                        new CurriculumReplacedEvent(COURSE, TEACHER.userId(), "Intro to Python", CURRICULUM))
                .when(new ReplaceCurriculumCommand(COURSE, TEACHER, CURRICULUM, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_curriculum_topic_without_a_title_is_refused() {
        fixture.given(CREATED, VIDEO_ADDED)
                .when(new ReplaceCurriculumCommand(COURSE, TEACHER, List.of(new Topic(" ", List.of())), null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void a_student_cannot_replace_the_curriculum() {
        fixture.given(CREATED, VIDEO_ADDED, QUIZ_ADDED)
                .when(new ReplaceCurriculumCommand(COURSE, STUDENT, CURRICULUM, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    // helpers

    private void refusedCreation(CourseDetails details, ErrorCode expected) {
        fixture.givenNoPriorActivity()
                .when(new CreateCourseCommand(COURSE, TEACHER, details))
                .expectException(code(expected))
                .expectNoEvents();
        assertThat(keys.owners).isEmpty();
    }

    private void refusedContent(ContentType type, ContentFields fields, ErrorCode expected) {
        fixture.given(CREATED)
                .when(new AddContentCommand(COURSE, QUIZ, TEACHER, type, fields, null))
                .expectException(code(expected))
                .expectNoEvents();
    }

    private static CourseDetails details(String title, String slug) {
        return new CourseDetails(
                title,
                slug,
                DETAILS.description(),
                DETAILS.category(),
                DETAILS.tags(),
                DETAILS.level(),
                DETAILS.requirements(),
                DETAILS.outcomes(),
                PRICE);
    }

    private static CourseDetails withPrice(Price price) {
        return new CourseDetails(
                DETAILS.title(),
                DETAILS.slug(),
                DETAILS.description(),
                DETAILS.category(),
                DETAILS.tags(),
                DETAILS.level(),
                DETAILS.requirements(),
                DETAILS.outcomes(),
                price);
    }

    private static CourseDetails withTags(List<String> tags) {
        return new CourseDetails(
                DETAILS.title(),
                DETAILS.slug(),
                DETAILS.description(),
                DETAILS.category(),
                tags,
                DETAILS.level(),
                DETAILS.requirements(),
                DETAILS.outcomes(),
                PRICE);
    }

    private static CourseDetails withDescription(String description) {
        return new CourseDetails(
                DETAILS.title(),
                DETAILS.slug(),
                description,
                DETAILS.category(),
                DETAILS.tags(),
                DETAILS.level(),
                DETAILS.requirements(),
                DETAILS.outcomes(),
                PRICE);
    }

    private static CourseDetails onlyTitle(String title) {
        return new CourseDetails(title, null, null, null, null, null, null, null, null);
    }

    private static ContentFields quiz(QuizData quiz) {
        return new ContentFields("Quiz", null, null, null, null, null, quiz, null);
    }

    private static org.hamcrest.Matcher<Throwable> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code() == code);
    }
}
