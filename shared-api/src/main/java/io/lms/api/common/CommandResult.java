package io.lms.api.common;

/** What every command answers: the aggregate's id and its version after the command (sequence number of its last event). */
public record CommandResult(String id, long version) {}
