package io.lms.query.course;

import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;
import static io.lms.query.support.Documents.oid;

import io.lms.api.course.AssignmentData;
import io.lms.api.course.Caption;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.ContentView;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CourseView;
import io.lms.api.course.Price;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.course.Rating;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.types.Decimal128;

/** The BSON shapes of the {@code courses} and {@code content} documents (collections.md), both ways. */
final class CourseDocuments {

    private CourseDocuments() {}

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E upper(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    static Document price(Price price) {
        return new Document("amount", new Decimal128(price.amount())).append("currency", price.currency());
    }

    static List<Document> topics(List<Topic> topics) {
        return topics.stream()
                .map(t -> new Document("topic_title", t.topicTitle())
                        .append(
                                "sections",
                                t.sections().stream()
                                        .map(s -> new Document("topic", s.topic())
                                                .append("subtopics", s.subtopics())
                                                .append(
                                                        "videos",
                                                        s.videos().stream()
                                                                .map(id -> oid(id))
                                                                .toList()))
                                        .toList()))
                .toList();
    }

    static Document metadata(ContentMetadata m) {
        return m == null
                ? null
                : new Document("duration", m.duration())
                        .append("file_url", m.fileUrl())
                        .append("thumbnail_url", m.thumbnailUrl())
                        .append("views", m.views());
    }

    static List<Document> captions(List<Caption> captions) {
        return captions == null
                ? null
                : captions.stream()
                        .map(c -> new Document("language", c.language()).append("file_url", c.fileUrl()))
                        .toList();
    }

    static Document quiz(QuizData quiz) {
        return quiz == null
                ? null
                : new Document(
                        "questions",
                        quiz.questions().stream()
                                .map(q -> new Document("question", q.question())
                                        .append("options", q.options())
                                        .append("correct_answer", q.correctAnswer()))
                                .toList());
    }

    static Document assignment(AssignmentData a) {
        return a == null
                ? null
                : new Document("instructions", a.instructions())
                        .append("due_date", date(a.dueDate()))
                        .append("submission_type", a.submissionType());
    }

    static CourseView courseView(Document d) {
        Document rating = d.get("rating", Document.class);
        Document price = d.get("price", Document.class);
        return new CourseView(
                hex(d.get("_id")),
                d.getString("title"),
                d.getString("slug"),
                d.getString("description"),
                d.getString("category"),
                strings(d, "tags"),
                upper(CourseLevel.class, d.getString("level")),
                hex(d.get("instructor_id")),
                topicsOf(d),
                strings(d, "requirements"),
                strings(d, "outcomes"),
                rating == null
                        ? new Rating(0, 0)
                        : new Rating(
                                number(rating.get("average")).doubleValue(),
                                number(rating.get("count")).longValue()),
                number(d.get("enrollment_count")).longValue(),
                price == null ? null : new Price(decimal(price.get("amount")), price.getString("currency")),
                instant(d.getDate("created_at")),
                instant(d.getDate("updated_at")),
                upper(CourseStatus.class, d.getString("status")));
    }

    static ContentView contentView(Document d) {
        Document m = d.get("metadata", Document.class);
        Document quiz = d.get("quiz_data", Document.class);
        Document a = d.get("assignment_data", Document.class);
        return new ContentView(
                hex(d.get("_id")),
                hex(d.get("course_id")),
                upper(ContentType.class, d.getString("type")),
                d.getString("title"),
                d.getString("description"),
                number(d.get("order")).intValue(),
                m == null
                        ? null
                        : new ContentMetadata(
                                m.getInteger("duration"),
                                m.getString("file_url"),
                                m.getString("thumbnail_url"),
                                m.getString("views")),
                d.getString("transcript"),
                d.getList("captions", Document.class) == null
                        ? null
                        : d.getList("captions", Document.class).stream()
                                .map(c -> new Caption(c.getString("language"), c.getString("file_url")))
                                .toList(),
                quiz == null
                        ? null
                        : new QuizData(quiz.getList("questions", Document.class).stream()
                                .map(q -> new QuizQuestion(
                                        q.getString("question"),
                                        q.getList("options", String.class),
                                        q.getInteger("correct_answer")))
                                .toList()),
                a == null
                        ? null
                        : new AssignmentData(
                                a.getString("instructions"),
                                instant(a.getDate("due_date")),
                                a.getString("submission_type")),
                instant(d.getDate("created_at")),
                instant(d.getDate("updated_at")));
    }

    private static List<Topic> topicsOf(Document d) {
        List<Document> topics = d.getList("topics", Document.class);
        if (topics == null) {
            return List.of();
        }
        return topics.stream()
                .map(t -> new Topic(
                        t.getString("topic_title"),
                        t.getList("sections", Document.class).stream()
                                .map(s -> new Section(
                                        s.getString("topic"),
                                        s.getList("subtopics", String.class),
                                        s.getList("videos", Object.class).stream()
                                                .map(v -> hex(v))
                                                .toList()))
                                .toList()))
                .toList();
    }

    private static List<String> strings(Document d, String field) {
        List<String> values = d.getList(field, String.class);
        return values == null ? List.of() : values;
    }

    private static Number number(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return value instanceof Number n ? n : 0;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return value instanceof Number n ? new BigDecimal(n.toString()) : null;
    }
}
