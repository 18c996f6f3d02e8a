package io.lms.command.course;

import io.lms.api.course.AssignmentData;
import io.lms.api.course.Caption;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.Price;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import io.lms.platform.error.FieldViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shape rules of a course's fields, decided on the command (the REST edge checks shape too, but a command
 * may come from elsewhere). Each check answers the value as it will be stored: trimmed, defaults filled in.
 */
final class CourseRules {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_CATEGORY = 100;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_LIST_ITEMS = 50;
    static final int MAX_LIST_ITEM = 500;
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    static final int MAX_TOPICS = 100;
    static final int MAX_SECTIONS = 100;
    static final int MAX_SUBTOPICS = 100;
    static final int MAX_VIDEOS = 500;
    static final int MAX_CONTENT_ITEMS = 2_000;
    static final int MAX_ORDER = 1_000_000;
    static final int MAX_URL = 2048;
    static final int MAX_VIEWS = 50;
    static final int MAX_TRANSCRIPT = 500_000;
    static final int MAX_CAPTIONS = 50;
    static final int MAX_QUESTIONS = 200;
    static final int MAX_QUESTION = 2_000;
    static final int MIN_OPTIONS = 2;
    static final int MAX_OPTIONS = 20;
    static final int MAX_OPTION = 1_000;
    static final int MAX_SUBMISSION_TYPE = 50;

    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");

    private CourseRules() {}

    /** Every field of a new course, checked; absent lists become empty and an absent description empty. */
    static CourseDetails newCourse(CourseDetails d, String courseId) {
        if (d == null) {
            throw DomainException.invalid("title", "is required");
        }
        String title = title(required("title", d.title()));
        String slug = d.slug() == null ? Slugs.derive(title, courseId) : slug(d.slug());
        if (d.level() == null) {
            throw DomainException.invalid("level", "is required (beginner, intermediate or advanced)");
        }
        return new CourseDetails(
                title,
                slug,
                description(d.description() == null ? "" : d.description()),
                category(required("category", d.category())),
                tags(d.tags() == null ? List.of() : d.tags()),
                d.level(),
                lines("requirements", d.requirements() == null ? List.of() : d.requirements()),
                lines("outcomes", d.outcomes() == null ? List.of() : d.outcomes()),
                price(required("price", d.price())));
    }

    /** The given fields of an edit, checked; {@code null} fields stay {@code null} (unchanged). */
    static CourseDetails changes(CourseDetails d) {
        return new CourseDetails(
                d.title() == null ? null : title(d.title()),
                d.slug() == null ? null : slug(d.slug()),
                d.description() == null ? null : description(d.description()),
                d.category() == null ? null : category(d.category()),
                d.tags() == null ? null : tags(d.tags()),
                d.level(),
                d.requirements() == null ? null : lines("requirements", d.requirements()),
                d.outcomes() == null ? null : lines("outcomes", d.outcomes()),
                d.price() == null ? null : price(d.price()));
    }

    static String title(String title) {
        return text("title", title, 1, MAX_TITLE);
    }

    static String slug(String slug) {
        if (!Slugs.isValid(slug)) {
            throw DomainException.invalid(
                    "slug", "must be 1 to " + Slugs.MAX_LENGTH + " characters of a-z, 0-9 and '-'");
        }
        return slug;
    }

    private static String description(String description) {
        return text("description", description, 0, MAX_DESCRIPTION);
    }

    private static String category(String category) {
        return text("category", category, 1, MAX_CATEGORY);
    }

    private static List<String> tags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw DomainException.invalid("tags", "must be at most " + MAX_TAGS + " tags");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            distinct.add(text("tags[" + i + "]", tags.get(i), 1, MAX_TAG));
        }
        return List.copyOf(distinct);
    }

    private static List<String> lines(String field, List<String> lines) {
        if (lines.size() > MAX_LIST_ITEMS) {
            throw DomainException.invalid(field, "must be at most " + MAX_LIST_ITEMS + " entries");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            checked.add(text(field + "[" + i + "]", lines.get(i), 1, MAX_LIST_ITEM));
        }
        return List.copyOf(checked);
    }

    /** An amount of 0 or more with at most two fraction digits, kept at scale 2; a known ISO 4217 code. */
    static Price price(Price price) {
        BigDecimal amount = required("price.amount", price.amount());
        if (amount.signum() < 0) {
            throw DomainException.invalid("price.amount", "must be 0 or more");
        }
        if (amount.compareTo(MAX_PRICE) > 0) {
            throw DomainException.invalid("price.amount", "must be at most " + MAX_PRICE);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid("price.amount", "must have at most two fraction digits");
        }
        String currency = required("price.currency", price.currency());
        if (!CURRENCY.matcher(currency).matches() || !isKnownCurrency(currency)) {
            throw DomainException.invalid("price.currency", "must be an ISO 4217 currency code, like EUR");
        }
        return new Price(amount.setScale(2, RoundingMode.UNNECESSARY), currency);
    }

    private static boolean isKnownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The curriculum, checked; every id in {@code videos} must be content of this course. */
    static List<Topic> curriculum(List<Topic> topics, Predicate<String> isContentOfCourse) {
        if (topics == null) {
            throw DomainException.invalid("topics", "is required (an empty list clears the curriculum)");
        }
        if (topics.size() > MAX_TOPICS) {
            throw DomainException.invalid("topics", "must be at most " + MAX_TOPICS + " topics");
        }
        List<Topic> checked = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            Topic topic = required("topics[" + t + "]", topics.get(t));
            String at = "topics[" + t + "]";
            List<Section> sections = topic.sections() == null ? List.of() : topic.sections();
            if (sections.size() > MAX_SECTIONS) {
                throw DomainException.invalid(at + ".sections", "must be at most " + MAX_SECTIONS + " sections");
            }
            List<Section> checkedSections = new ArrayList<>();
            for (int s = 0; s < sections.size(); s++) {
                checkedSections.add(section(at + ".sections[" + s + "]", sections.get(s), isContentOfCourse));
            }
            checked.add(new Topic(
                    text(at + ".topic_title", topic.topicTitle(), 1, MAX_TITLE), List.copyOf(checkedSections)));
        }
        return List.copyOf(checked);
    }

    private static Section section(String at, Section section, Predicate<String> isContentOfCourse) {
        required(at, section);
        List<String> subtopics = section.subtopics() == null ? List.of() : section.subtopics();
        if (subtopics.size() > MAX_SUBTOPICS) {
            throw DomainException.invalid(at + ".subtopics", "must be at most " + MAX_SUBTOPICS + " entries");
        }
        List<String> checkedSubtopics = new ArrayList<>();
        for (int i = 0; i < subtopics.size(); i++) {
            checkedSubtopics.add(text(at + ".subtopics[" + i + "]", subtopics.get(i), 1, MAX_TITLE));
        }
        List<String> videos = section.videos() == null ? List.of() : section.videos();
        if (videos.size() > MAX_VIDEOS) {
            throw DomainException.invalid(at + ".videos", "must be at most " + MAX_VIDEOS + " entries");
        }
        for (int i = 0; i < videos.size(); i++) {
            String id = videos.get(i);
            if (id == null || !isContentOfCourse.test(id)) {
                String field = at + ".videos[" + i + "]";
                String message = "is not a content item of this course: " + id;
                throw new DomainException(
                        ErrorCode.UNKNOWN_CURRICULUM_CONTENT,
                        field + " " + message,
                        List.of(new FieldViolation(field, message)));
            }
        }
        return new Section(
                text(at + ".topic", section.topic(), 1, MAX_TITLE), List.copyOf(checkedSubtopics), List.copyOf(videos));
    }

    /** Every field of a new content item of the given type, checked; absent optional fields stay absent. */
    static ContentFields newContent(ContentType type, ContentFields f, int defaultOrder) {
        if (type == null) {
            throw DomainException.invalid("type", "is required (video, quiz or assignment)");
        }
        if (f == null) {
            throw DomainException.invalid("title", "is required");
        }
        if (type == ContentType.QUIZ && f.quizData() == null) {
            throw quizProblem("quiz_data", "is required for a quiz: at least one question");
        }
        if (type == ContentType.ASSIGNMENT && f.assignmentData() == null) {
            throw DomainException.invalid("assignment_data", "is required for an assignment");
        }
        ContentFields checked = contentChanges(type, f);
        return new ContentFields(
                title(required("title", f.title())),
                checked.description() == null ? "" : checked.description(),
                checked.order() == null ? defaultOrder : checked.order(),
                checked.metadata(),
                checked.transcript(),
                checked.captions(),
                checked.quizData(),
                checked.assignmentData());
    }

    /** The given fields of a content item of the given type, checked; {@code null} fields stay {@code null}. */
    static ContentFields contentChanges(ContentType type, ContentFields f) {
        if (f.quizData() != null && type != ContentType.QUIZ) {
            throw DomainException.invalid("quiz_data", "is only for quiz items");
        }
        if (f.assignmentData() != null && type != ContentType.ASSIGNMENT) {
            throw DomainException.invalid("assignment_data", "is only for assignment items");
        }
        if (f.order() != null && (f.order() < 0 || f.order() > MAX_ORDER)) {
            throw DomainException.invalid("order", "must be between 0 and " + MAX_ORDER);
        }
        return new ContentFields(
                f.title() == null ? null : title(f.title()),
                f.description() == null ? null : description(f.description()),
                f.order(),
                f.metadata() == null ? null : metadata(f.metadata()),
                f.transcript() == null ? null : transcript(f.transcript()),
                f.captions() == null ? null : captions(f.captions()),
                f.quizData() == null ? null : quiz(f.quizData()),
                f.assignmentData() == null ? null : assignment(f.assignmentData()));
    }

    private static ContentMetadata metadata(ContentMetadata m) {
        if (m.duration() != null && m.duration() < 0) {
            throw DomainException.invalid("metadata.duration", "must be 0 or more seconds");
        }
        if (m.views() != null && m.views().length() > MAX_VIEWS) {
            throw DomainException.invalid("metadata.views", "must be at most " + MAX_VIEWS + " characters");
        }
        return new ContentMetadata(
                m.duration(),
                url("metadata.file_url", m.fileUrl()),
                url("metadata.thumbnail_url", m.thumbnailUrl()),
                m.views());
    }

    private static String transcript(String transcript) {
        if (transcript.length() > MAX_TRANSCRIPT) {
            throw DomainException.invalid("transcript", "must be at most " + MAX_TRANSCRIPT + " characters");
        }
        return transcript;
    }

    private static List<Caption> captions(List<Caption> captions) {
        if (captions.size() > MAX_CAPTIONS) {
            throw DomainException.invalid("captions", "must be at most " + MAX_CAPTIONS + " entries");
        }
        List<Caption> checked = new ArrayList<>();
        for (int i = 0; i < captions.size(); i++) {
            String at = "captions[" + i + "]";
            Caption c = required(at, captions.get(i));
            String language = required(at + ".language", c.language()).trim();
            if (!LANGUAGE.matcher(language).matches()) {
                throw DomainException.invalid(at + ".language", "must be a language tag, like en or pt-BR");
            }
            checked.add(new Caption(language, required(at + ".file_url", url(at + ".file_url", c.fileUrl()))));
        }
        return List.copyOf(checked);
    }

    /** At least one question; each with at least two options and a {@code correct_answer} that indexes them. */
    static QuizData quiz(QuizData quiz) {
        List<QuizQuestion> questions = quiz.questions();
        if (questions == null || questions.isEmpty()) {
            throw quizProblem("quiz_data.questions", "must hold at least one question");
        }
        if (questions.size() > MAX_QUESTIONS) {
            throw quizProblem("quiz_data.questions", "must be at most " + MAX_QUESTIONS + " questions");
        }
        List<QuizQuestion> checked = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            String at = "quiz_data.questions[" + i + "]";
            QuizQuestion q = questions.get(i);
            if (q == null) {
                throw quizProblem(at, "is required");
            }
            if (q.question() == null || q.question().isBlank() || q.question().length() > MAX_QUESTION) {
                throw quizProblem(at + ".question", "must be 1 to " + MAX_QUESTION + " characters");
            }
            List<String> options = q.options();
            if (options == null || options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
                throw quizProblem(at + ".options", "must hold " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options");
            }
            for (int o = 0; o < options.size(); o++) {
                String option = options.get(o);
                if (option == null || option.isBlank() || option.length() > MAX_OPTION) {
                    throw quizProblem(at + ".options[" + o + "]", "must be 1 to " + MAX_OPTION + " characters");
                }
            }
            if (q.correctAnswer() == null || q.correctAnswer() < 0 || q.correctAnswer() >= options.size()) {
                throw quizProblem(at + ".correct_answer", "must index the options, from 0 to " + (options.size() - 1));
            }
            checked.add(new QuizQuestion(q.question().trim(), List.copyOf(options), q.correctAnswer()));
        }
        return new QuizData(List.copyOf(checked));
    }

    private static AssignmentData assignment(AssignmentData a) {
        String instructions = text("assignment_data.instructions", a.instructions(), 1, MAX_DESCRIPTION);
        String submissionType = a.submissionType() == null
                ? null
                : text("assignment_data.submission_type", a.submissionType(), 1, MAX_SUBMISSION_TYPE);
        return new AssignmentData(instructions, a.dueDate(), submissionType);
    }

    private static DomainException quizProblem(String field, String message) {
        return new DomainException(
                ErrorCode.INVALID_QUIZ, field + " " + message, List.of(new FieldViolation(field, message)));
    }

    private static String url(String field, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() > MAX_URL || !isWebUrl(value)) {
            throw DomainException.invalid(field, "must be an http or https URL of at most " + MAX_URL + " characters");
        }
        return value;
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String text(String field, String value, int min, int max) {
        String trimmed = required(field, value).trim();
        if (trimmed.length() < min || trimmed.length() > max) {
            throw DomainException.invalid(
                    field,
                    min == 0
                            ? "must be at most " + max + " characters"
                            : "must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw DomainException.invalid(field, "is required");
        }
        return value;
    }
}
