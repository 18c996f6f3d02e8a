package io.lms.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.user.Profile;
import io.lms.api.user.UserProfileChangedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

/**
 * The query side's processing defaults ({@link QuerySideConfiguration}) on a real event store: a projection whose
 * handler fails gets the same event again, and no later event before it, so that nothing is lost from a read model.
 */
class FailingProjectionRetryTest {

    private static final String USER = "6b06eb3caa76f936f62db6fc";

    @Test
    void a_projection_that_fails_on_an_event_gets_it_again_before_any_later_event() throws Exception {
        try (AxonOnWireServer axon = AxonOnWireServer.on(WireServer.freshDatabase("projection_retry_test"))) {
            FlakyProjection projection = new FlakyProjection();
            Configurer configurer = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> axon.tokenSerializer())
                    .configureEventSerializer(c -> axon.tokenSerializer())
                    .configureMessageSerializer(c -> axon.tokenSerializer())
                    .configureEventStore(c -> axon.eventStore())
                    .registerComponent(TokenStore.class, c -> axon.tokenStore());
            new QuerySideConfiguration()
                    .projectionProcessingDefaults(100, 2, java.time.Duration.ofSeconds(5))
                    .configureModule(configurer);
            configurer.eventProcessing(processing -> processing.registerEventHandler(c -> projection));
            Configuration configuration = configurer.start();
            try {
                axon.eventStore().publish(bioChange(0, "first"), bioChange(1, "second"));

                assertThat(projection.secondSeen.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(projection.seen).containsExactly("first", "first", "second");
            } finally {
                configuration.shutdown();
            }
        }
    }

    private static GenericDomainEventMessage<UserProfileChangedEvent> bioChange(long sequence, String bio) {
        return new GenericDomainEventMessage<>(
                "User", USER, sequence, new UserProfileChangedEvent(USER, new Profile(null, bio, null)));
    }

    /** Fails the first time it sees the event with bio "first", as a read model that is briefly unreachable. */
    @ProcessingGroup("flaky")
    static class FlakyProjection {

        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch secondSeen = new CountDownLatch(1);
        private final AtomicBoolean failed = new AtomicBoolean();

        @EventHandler
        void on(UserProfileChangedEvent event) {
            String bio = event.profile().bio();
            seen.add(bio);
            if (bio.equals("first") && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("the read model is unreachable");
            }
            if (bio.equals("second")) {
                secondSeen.countDown();
            }
        }
    }
}
