package io.lms.platform.web;

import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * MongoDB health by {@code ping}, which every MongoDB and the embedded server answer. (Spring Boot's own indicator
 * sends {@code hello}, which the embedded server does not implement, so health would stay DOWN there.)
 */
@Configuration(proxyBeanMethods = false)
class MongoPingHealthConfiguration {

    @Bean(name = "mongoHealthContributor")
    HealthIndicator mongoHealthContributor(MongoDatabaseFactory databaseFactory) {
        return () -> {
            try {
                Document answer = databaseFactory.getMongoDatabase().runCommand(new Document("ping", 1));
                return Health.up()
                        .withDetail(
                                "database", databaseFactory.getMongoDatabase().getName())
                        .withDetail("ok", answer.get("ok"))
                        .build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }
}
