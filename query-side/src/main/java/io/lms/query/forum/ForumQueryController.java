package io.lms.query.forum;

import static io.lms.query.support.Documents.hex;

import io.lms.api.forum.ForumPostView;
import io.lms.api.forum.ForumView;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.course.CourseReadModel;
import io.lms.query.support.ReadYourWrites;
import io.lms.query.support.ReadYourWrites.Target;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A course's forums and a forum's posts, oldest first, for the course's instructor, admins and enrolled students. */
@RestController
class ForumQueryController {

    private final ForumReadModel forums;
    private final CourseReadModel courses;
    private final ForumAccess access;
    private final ReadYourWrites readYourWrites;

    ForumQueryController(
            ForumReadModel forums, CourseReadModel courses, ForumAccess access, ReadYourWrites readYourWrites) {
        this.forums = forums;
        this.courses = courses;
        this.access = access;
        this.readYourWrites = readYourWrites;
    }

    @Access("enrolled, owner, admin")
    @GetMapping("/api/courses/{id}/forums")
    ResponseEntity<PageResponse<ForumView>> forumsOfCourse(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireAuthenticated();
        Document course = courses.findCourse(id).orElseThrow(() -> DomainException.notFound("course", id));
        access.requireReader(caller, id, hex(course.get("instructor_id")));
        return Paging.ok(forums.forumsOf(id, page, size));
    }

    @Access("enrolled, owner, admin")
    @GetMapping("/api/forums/{id}")
    ResponseEntity<ForumView> forum(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        Document forum = readYourWrites.load(() -> forums.findForum(id), minVersion, forumById(id, caller));
        return ReadYourWrites.withEtag(forum, ForumReadModel.forumView(forum));
    }

    /**
     * {@code min_version} waits for the forum's version, as every post event moves it; the total is the forum
     * document's post count, so a page read at that version counts the posts up to it.
     */
    @Access("enrolled, owner, admin")
    @GetMapping("/api/forums/{id}/posts")
    ResponseEntity<PageResponse<ForumPostView>> posts(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        Document forum = readYourWrites.load(() -> forums.findForum(id), minVersion, forumById(id, caller));
        return Paging.ok(forums.postsOf(forum, page, size));
    }

    /** {@code min_version} (the forum's, which every post event moves) is waited for on the forum and the post. */
    @Access("enrolled, owner, admin")
    @GetMapping("/api/forums/{id}/posts/{postId}")
    ResponseEntity<ForumPostView> post(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("postId") @ObjectIdValue String postId,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        readYourWrites.load(() -> forums.findForum(id), minVersion, forumById(id, caller));
        Target target = Target.partOf("post", postId, d -> id, caller);
        Document post = readYourWrites.load(() -> forums.findPost(id, postId), minVersion, target);
        return ReadYourWrites.withEtag(post, ForumReadModel.postView(post));
    }

    private Target forumById(String id, Caller caller) {
        caller.requireAuthenticated();
        return Target.aggregate("forum", id, caller).checkedBy(f -> access.requireReader(caller, f));
    }
}
