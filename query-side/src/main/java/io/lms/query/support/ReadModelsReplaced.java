package io.lms.query.support;

import java.util.Set;

/** A Spring event: a replay has put rebuilt collections in the place of a projection's live ones. */
public record ReadModelsReplaced(String projection, Set<String> collections) {}
