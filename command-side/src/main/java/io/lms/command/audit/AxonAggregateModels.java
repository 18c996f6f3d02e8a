package io.lms.command.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * The models and factories of the running Axon configuration: the aggregate is inspected with the same parameter
 * resolvers and handler definitions as its repository's model, and made by the same factory, so that a replay for
 * an auditor runs exactly the event-sourcing handlers a command's load runs.
 */
@Component
class AxonAggregateModels implements AggregateModels {

    private final Configuration axon;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    AxonAggregateModels(Configuration axon) {
        this.axon = axon;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> AggregateModel<T> model(Class<T> type) {
        return (AggregateModel<T>) models.computeIfAbsent(
                type,
                t -> AnnotatedAggregateMetaModelFactory.inspectAggregate(
                        t, axon.parameterResolverFactory(), axon.handlerDefinition(t)));
    }

    @Override
    public <T> AggregateFactory<T> factory(Class<T> type) {
        return axon.aggregateFactory(type);
    }
}
