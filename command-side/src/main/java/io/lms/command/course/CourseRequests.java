package io.lms.command.course;

import io.lms.api.course.AssignmentData;
import io.lms.api.course.Caption;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.Price;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The request bodies of the course endpoints, checked for shape at the REST edge. The aggregate checks the
 * same rules again (and those the shape cannot say, like quiz answers and curriculum ids).
 */
final class CourseRequests {

    private CourseRequests() {}

    record PriceFields(
            @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 currency code, like EUR")
                    String currency) {

        Price toPrice() {
            return new Price(amount, currency);
        }
    }

    record CreateCourse(
            @NotBlank @Size(max = CourseRules.MAX_TITLE) String title,
            @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "must be 1 to 100 characters of a-z, 0-9 and '-'")
                    String slug,
            @Size(max = CourseRules.MAX_DESCRIPTION) String description,
            @NotBlank @Size(max = CourseRules.MAX_CATEGORY) String category,
            @Size(max = CourseRules.MAX_TAGS) List<@NotBlank @Size(max = CourseRules.MAX_TAG) String> tags,
            @NotNull CourseLevel level,
            @Size(max = CourseRules.MAX_LIST_ITEMS)
                    List<@NotBlank @Size(max = CourseRules.MAX_LIST_ITEM) String> requirements,
            @Size(max = CourseRules.MAX_LIST_ITEMS)
                    List<@NotBlank @Size(max = CourseRules.MAX_LIST_ITEM) String> outcomes,
            @NotNull @Valid PriceFields price) {

        CourseDetails toDetails() {
            return new CourseDetails(
                    title, slug, description, category, tags, level, requirements, outcomes, price.toPrice());
        }
    }

    record EditCourse(
            @Size(min = 1, max = CourseRules.MAX_TITLE) String title,
            @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "must be 1 to 100 characters of a-z, 0-9 and '-'")
                    String slug,
            @Size(max = CourseRules.MAX_DESCRIPTION) String description,
            @Size(min = 1, max = CourseRules.MAX_CATEGORY) String category,
            @Size(max = CourseRules.MAX_TAGS) List<@NotBlank @Size(max = CourseRules.MAX_TAG) String> tags,
            CourseLevel level,
            @Size(max = CourseRules.MAX_LIST_ITEMS)
                    List<@NotBlank @Size(max = CourseRules.MAX_LIST_ITEM) String> requirements,
            @Size(max = CourseRules.MAX_LIST_ITEMS)
                    List<@NotBlank @Size(max = CourseRules.MAX_LIST_ITEM) String> outcomes,
            @Valid PriceFields price) {

        CourseDetails toChanges() {
            return new CourseDetails(
                    title,
                    slug,
                    description,
                    category,
                    tags,
                    level,
                    requirements,
                    outcomes,
                    price == null ? null : price.toPrice());
        }
    }

    record TopicFields(
            @NotBlank @Size(max = CourseRules.MAX_TITLE) String topicTitle,
            @Size(max = CourseRules.MAX_SECTIONS) List<@NotNull @Valid SectionFields> sections) {

        Topic toTopic() {
            return new Topic(
                    topicTitle,
                    sections == null
                            ? List.of()
                            : sections.stream().map(SectionFields::toSection).toList());
        }
    }

    record SectionFields(
            @NotBlank @Size(max = CourseRules.MAX_TITLE) String topic,
            @Size(max = CourseRules.MAX_SUBTOPICS) List<@NotBlank @Size(max = CourseRules.MAX_TITLE) String> subtopics,
            @Size(max = CourseRules.MAX_VIDEOS) List<@NotNull String> videos) {

        Section toSection() {
            return new Section(topic, subtopics, videos);
        }
    }

    record MetadataFields(
            @Min(0) Integer duration,
            @Size(max = CourseRules.MAX_URL) String fileUrl,
            @Size(max = CourseRules.MAX_URL) String thumbnailUrl,
            @Size(max = CourseRules.MAX_VIEWS) String views) {

        ContentMetadata toMetadata() {
            return new ContentMetadata(duration, fileUrl, thumbnailUrl, views);
        }
    }

    record CaptionFields(
            @NotBlank @Size(max = 35) String language, @NotBlank @Size(max = CourseRules.MAX_URL) String fileUrl) {}

    record QuestionFields(String question, List<String> options, Integer correctAnswer) {}

    /** Quizzes are checked in the aggregate only, so that every quiz problem answers alike ({@code invalid-quiz}). */
    record QuizFields(List<QuestionFields> questions) {

        QuizData toQuiz() {
            return new QuizData(
                    questions == null
                            ? null
                            : questions.stream()
                                    .map(q -> q == null
                                            ? null
                                            : new QuizQuestion(q.question(), q.options(), q.correctAnswer()))
                                    .toList());
        }
    }

    record AssignmentFields(
            @Size(max = CourseRules.MAX_DESCRIPTION) String instructions,
            Instant dueDate,
            @Size(max = CourseRules.MAX_SUBMISSION_TYPE) String submissionType) {

        AssignmentData toAssignment() {
            return new AssignmentData(instructions, dueDate, submissionType);
        }
    }

    record AddContent(
            @NotNull ContentType type,
            @NotBlank @Size(max = CourseRules.MAX_TITLE) String title,
            @Size(max = CourseRules.MAX_DESCRIPTION) String description,
            @Min(0) Integer order,
            @Valid MetadataFields metadata,
            @Size(max = CourseRules.MAX_TRANSCRIPT) String transcript,
            @Size(max = CourseRules.MAX_CAPTIONS) List<@NotNull @Valid CaptionFields> captions,
            QuizFields quizData,
            @Valid AssignmentFields assignmentData) {

        ContentFields toFields() {
            return CourseRequests.fields(
                    title, description, order, metadata, transcript, captions, quizData, assignmentData);
        }
    }

    record EditContent(
            ContentType type,
            @Size(min = 1, max = CourseRules.MAX_TITLE) String title,
            @Size(max = CourseRules.MAX_DESCRIPTION) String description,
            @Min(0) Integer order,
            @Valid MetadataFields metadata,
            @Size(max = CourseRules.MAX_TRANSCRIPT) String transcript,
            @Size(max = CourseRules.MAX_CAPTIONS) List<@NotNull @Valid CaptionFields> captions,
            QuizFields quizData,
            @Valid AssignmentFields assignmentData) {

        ContentFields toChanges() {
            return CourseRequests.fields(
                    title, description, order, metadata, transcript, captions, quizData, assignmentData);
        }
    }

    private static ContentFields fields(
            String title,
            String description,
            Integer order,
            MetadataFields metadata,
            String transcript,
            List<CaptionFields> captions,
            QuizFields quizData,
            AssignmentFields assignmentData) {
        return new ContentFields(
                title,
                description,
                order,
                metadata == null ? null : metadata.toMetadata(),
                transcript,
                captions == null
                        ? null
                        : captions.stream()
                                .map(c -> new Caption(c.language(), c.fileUrl()))
                                .toList(),
                quizData == null ? null : quizData.toQuiz(),
                assignmentData == null ? null : assignmentData.toAssignment());
    }
}
