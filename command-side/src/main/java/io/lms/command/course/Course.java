package io.lms.command.course;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.course.AddContentCommand;
import io.lms.api.course.ArchiveCourseCommand;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CreateCourseCommand;
import io.lms.api.course.CurriculumReplacedEvent;
import io.lms.api.course.DeleteContentCommand;
import io.lms.api.course.EditContentCommand;
import io.lms.api.course.EditCourseCommand;
import io.lms.api.course.PublishCourseCommand;
import io.lms.api.course.ReplaceCurriculumCommand;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import io.lms.api.error.ErrorCode;
import io.lms.command.lookup.UniqueKeyRegistry;
import io.lms.platform.error.DomainException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A course with its curriculum and content items. Decides who may change it (its instructor or an admin), its
 * status moves, what publishing needs, the validity of quizzes, that the curriculum names only its own content,
 * and (with the unique-key lookup) that its slug is unique.
 *
 * <p>Its state is only what those rules need: ids, types and titles of its items, the curriculum, the slug and
 * whether there is a description. Descriptions, transcripts and quizzes live in the events and the read models,
 * so a course with hundreds of long items still loads (and snapshots) small.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
public class Course {

    @AggregateIdentifier
    private String courseId;

    private String instructorId;
    private String title;
    private String slug;
    private boolean hasDescription;
    private CourseStatus status;
    private Map<String, ContentEntry> content = new LinkedHashMap<>();
    private List<Topic> topics = List.of();

    private static final Pattern OBJECT_ID = Pattern.compile("^[0-9a-f]{24}$");

    /** What the rules need of one content item. */
    private record ContentEntry(ContentType type, String title) {}

    protected Course() {}

    @CommandHandler
    public Course(CreateCourseCommand command, UniqueKeyRegistry keys) {
        Actor actor = command.actor();
        if (actor == null || (actor.role() != Role.INSTRUCTOR && actor.role() != Role.ADMIN)) {
            throw DomainException.forbidden("Only instructors and admins create courses");
        }
        CourseDetails details = CourseRules.newCourse(command.details(), command.courseId());
        claimSlug(keys, details.slug(), command.courseId());
        apply(new CourseCreatedEvent(command.courseId(), actor.userId(), details));
    }

    @CommandHandler
    public void handle(EditCourseCommand command, UniqueKeyRegistry keys) {
        requireOwnerOrAdmin(command.actor());
        if (command.changes() == null) {
            return;
        }
        CourseDetails checked = CourseRules.changes(command.changes());
        CourseDetails changes = new CourseDetails(
                Objects.equals(checked.title(), title) ? null : checked.title(),
                Objects.equals(checked.slug(), slug) ? null : checked.slug(),
                checked.description(),
                checked.category(),
                checked.tags(),
                checked.level(),
                checked.requirements(),
                checked.outcomes(),
                checked.price());
        if (changes.isEmpty()) {
            return;
        }
        if (status == CourseStatus.PUBLISHED
                && changes.description() != null
                && changes.description().isEmpty()) {
            throw new DomainException(
                    ErrorCode.COURSE_NOT_PUBLISHABLE, "A published course keeps a description; it cannot be emptied");
        }
        String previousSlug = null;
        if (changes.slug() != null) {
            claimSlug(keys, changes.slug(), courseId);
            previousSlug = slug;
            String oldKey = Slugs.key(slug);
            CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> keys.release(oldKey, courseId)));
        }
        String titleAfter = changes.title() != null ? changes.title() : title;
        apply(new CourseEditedEvent(courseId, instructorId, titleAfter, changes, previousSlug));
    }

    @CommandHandler
    public void handle(ReplaceCurriculumCommand command) {
        requireOwnerOrAdmin(command.actor());
        List<Topic> curriculum = CourseRules.curriculum(command.topics(), content::containsKey);
        if (!curriculum.equals(topics)) {
            apply(new CurriculumReplacedEvent(courseId, instructorId, title, curriculum));
        }
    }

    @CommandHandler
    public void handle(PublishCourseCommand command) {
        requireOwnerOrAdmin(command.actor());
        if (status != CourseStatus.DRAFT) {
            throw illegalMove(CourseStatus.PUBLISHED);
        }
        if (!hasDescription || content.isEmpty()) {
            throw new DomainException(
                    ErrorCode.COURSE_NOT_PUBLISHABLE,
                    "Publishing needs a description and at least one content item; this course has "
                            + (hasDescription ? "a description" : "no description") + " and " + content.size()
                            + " content items");
        }
        apply(new CoursePublishedEvent(courseId, instructorId, title));
    }

    @CommandHandler
    public void handle(ArchiveCourseCommand command) {
        requireOwnerOrAdmin(command.actor());
        if (status == CourseStatus.ARCHIVED) {
            throw illegalMove(CourseStatus.ARCHIVED);
        }
        apply(new CourseArchivedEvent(courseId, instructorId, title, status));
    }

    @CommandHandler
    public void handle(AddContentCommand command) {
        requireOwnerOrAdmin(command.actor());
        if (command.contentId() == null
                || !OBJECT_ID.matcher(command.contentId()).matches()
                || content.containsKey(command.contentId())) {
            throw DomainException.invalid("content_id", "must be a new 24-hex-digit ObjectId");
        }
        if (content.size() >= CourseRules.MAX_CONTENT_ITEMS) {
            throw DomainException.invalid(
                    "content", "a course holds at most " + CourseRules.MAX_CONTENT_ITEMS + " content items");
        }
        ContentFields fields = CourseRules.newContent(command.type(), command.fields(), content.size());
        apply(new ContentAddedEvent(
                courseId, command.contentId(), instructorId, title, status, command.type(), fields));
    }

    @CommandHandler
    public void handle(EditContentCommand command) {
        requireOwnerOrAdmin(command.actor());
        ContentEntry item = existingContent(command.contentId());
        if (command.type() != null && command.type() != item.type()) {
            throw new DomainException(
                    ErrorCode.CONTENT_TYPE_CHANGE,
                    "This item is a " + item.type().name().toLowerCase() + "; delete it and add a new item instead");
        }
        if (command.changes() == null || command.changes().isEmpty()) {
            return;
        }
        ContentFields changes = CourseRules.contentChanges(item.type(), command.changes());
        String titleAfter = changes.title() != null ? changes.title() : item.title();
        apply(new ContentEditedEvent(
                courseId, command.contentId(), instructorId, title, status, item.type(), titleAfter, changes));
    }

    @CommandHandler
    public void handle(DeleteContentCommand command) {
        requireOwnerOrAdmin(command.actor());
        ContentEntry item = existingContent(command.contentId());
        if (status == CourseStatus.PUBLISHED && content.size() == 1) {
            throw new DomainException(
                    ErrorCode.COURSE_NOT_PUBLISHABLE,
                    "A published course keeps at least one content item; add another before deleting this one");
        }
        List<Topic> without = withoutContent(topics, command.contentId());
        boolean curriculumChanged = !without.equals(topics);
        apply(new ContentDeletedEvent(
                courseId,
                command.contentId(),
                instructorId,
                title,
                status,
                item.type(),
                item.title(),
                curriculumChanged,
                curriculumChanged ? without : null));
    }

    @EventSourcingHandler
    void on(CourseCreatedEvent event) {
        courseId = event.courseId();
        instructorId = event.instructorId();
        title = event.details().title();
        slug = event.details().slug();
        hasDescription = isPresent(event.details().description());
        status = CourseStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(CourseEditedEvent event) {
        CourseDetails changes = event.changes();
        if (changes.title() != null) {
            title = changes.title();
        }
        if (changes.slug() != null) {
            slug = changes.slug();
        }
        if (changes.description() != null) {
            hasDescription = isPresent(changes.description());
        }
    }

    @EventSourcingHandler
    void on(CurriculumReplacedEvent event) {
        topics = event.topics();
    }

    @EventSourcingHandler
    void on(CoursePublishedEvent event) {
        status = CourseStatus.PUBLISHED;
    }

    @EventSourcingHandler
    void on(CourseArchivedEvent event) {
        status = CourseStatus.ARCHIVED;
    }

    @EventSourcingHandler
    void on(ContentAddedEvent event) {
        content.put(
                event.contentId(), new ContentEntry(event.type(), event.fields().title()));
    }

    @EventSourcingHandler
    void on(ContentEditedEvent event) {
        content.computeIfPresent(event.contentId(), (id, item) -> new ContentEntry(item.type(), event.contentTitle()));
    }

    @EventSourcingHandler
    void on(ContentDeletedEvent event) {
        content.remove(event.contentId());
        if (event.curriculumChanged()) {
            topics = event.topics();
        }
    }

    CourseStatus status() {
        return status;
    }

    int contentCount() {
        return content.size();
    }

    private void requireOwnerOrAdmin(Actor actor) {
        if (actor == null || (!actor.is(instructorId) && !actor.isAdmin())) {
            throw DomainException.forbidden("Only the course's instructor or an admin changes a course");
        }
    }

    private ContentEntry existingContent(String contentId) {
        ContentEntry item = contentId == null ? null : content.get(contentId);
        if (item == null) {
            throw DomainException.notFound("content item in this course", contentId);
        }
        return item;
    }

    private DomainException illegalMove(CourseStatus to) {
        return new DomainException(
                ErrorCode.ILLEGAL_STATUS_TRANSITION,
                "A " + status.name().toLowerCase() + " course cannot become "
                        + to.name().toLowerCase());
    }

    /** Claims the slug for this course, giving it back if the command fails after all. */
    private static void claimSlug(UniqueKeyRegistry keys, String slug, String courseId) {
        String key = Slugs.key(slug);
        if (!keys.claim(key, courseId)) {
            throw new DomainException(ErrorCode.SLUG_TAKEN, "The slug '" + slug + "' is taken by another course");
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(u -> keys.release(key, courseId)));
    }

    private static List<Topic> withoutContent(List<Topic> topics, String contentId) {
        return topics.stream()
                .map(t -> new Topic(
                        t.topicTitle(),
                        t.sections().stream()
                                .map(s -> new Section(
                                        s.topic(),
                                        s.subtopics(),
                                        s.videos().stream()
                                                .filter(v -> !v.equals(contentId))
                                                .toList()))
                                .toList()))
                .toList();
    }

    private static boolean isPresent(String text) {
        return text != null && !text.isBlank();
    }
}
