package io.lms.command.audit;

import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;

/** Axon's model of an aggregate class (its handlers) and the factory that makes an empty instance of it. */
interface AggregateModels {

    <T> AggregateModel<T> model(Class<T> type);

    <T> AggregateFactory<T> factory(Class<T> type);
}
