package io.lms.command.forum;

import io.lms.platform.web.ObjectIdValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The request bodies of the forum endpoints, checked for shape at the REST edge (the aggregate checks again). */
final class ForumRequests {

    private ForumRequests() {}

    record CreateForum(
            @NotBlank @Size(max = ForumRules.MAX_TITLE) String title,
            @Size(max = ForumRules.MAX_DESCRIPTION) String description) {}

    record EditForum(
            @Size(min = 1, max = ForumRules.MAX_TITLE) String title,
            @Size(max = ForumRules.MAX_DESCRIPTION) String description) {}

    record AddPost(@NotBlank @Size(max = ForumRules.MAX_CONTENT) String content, @ObjectIdValue String parentPostId) {}

    record EditPost(@NotBlank @Size(max = ForumRules.MAX_CONTENT) String content) {}
}
