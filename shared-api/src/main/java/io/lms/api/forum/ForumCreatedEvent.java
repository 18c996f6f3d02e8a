package io.lms.api.forum;

import org.axonframework.serialization.Revision;

/**
 * A forum was opened in a course. {@code instructorId} is the course's instructor at that moment (a course keeps
 * its instructor), so that the forum decides who moderates it and the query side who reads it without a lookup.
 */
@Revision("1")
public record ForumCreatedEvent(
        String forumId, String courseId, String instructorId, String createdBy, String title, String description) {}
