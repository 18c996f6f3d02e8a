package io.lms.system.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.system.Http;
import io.lms.system.MongoBackend;
import io.lms.system.ServedEndpoints;
import io.lms.system.SystemUnderTest;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Every endpoint of both services against every caller, through HTTP: the status each caller gets is written once,
 * in the tables of the {@link AuthorizationRows} of this package, and each cell runs on a target made fresh for it.
 * Each request goes to the service that serves its endpoint: writes mostly to the command side, reads mostly to
 * the query side, with the exceptions each service declares (an aggregate's past state on the command side, a
 * projection's replay on the query side). An endpoint that either service serves and
 * no table has, or a row for one that nobody serves, fails the suite.
 */
public abstract class AuthorizationMatrixContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;

    @BeforeEach
    void start() {
        system = SystemUnderTest.on(backend());
    }

    @Test
    void every_served_endpoint_has_a_row_and_every_row_a_served_endpoint() {
        Set<String> served = new TreeSet<>(ServedEndpoints.keys(system.commandSide()));
        served.addAll(ServedEndpoints.keys(system.querySide()));
        Set<String> tabled = new TreeSet<>();
        rows().forEach(r -> tabled.add(r.endpoint()));
        assertThat(tabled).as("endpoints in the tables").containsExactlyElementsOf(served);
    }

    @TestFactory
    Stream<DynamicTest> each_caller_gets_the_status_of_the_table() {
        Cast cast = new Cast(system.http);
        Map<String, Function<Target, Object>> bodies = new HashMap<>();
        Map<String, Function<Cast, Target>> targets = new HashMap<>();
        Map<String, String> queries = new HashMap<>();
        areas().forEach(area -> {
            bodies.putAll(area.bodies());
            targets.putAll(area.targets());
            queries.putAll(area.queries());
        });
        Set<String> querySideEndpoints = ServedEndpoints.keys(system.querySide());
        return rows().stream()
                .map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
                    List<String> wrong = new ArrayList<>();
                    row.expected().forEach((who, status) -> {
                        Target target = targets.getOrDefault(row.target(), c -> c.target(row.target()))
                                .apply(cast);
                        String path = target.path(row.path()) + queries.getOrDefault(row.endpoint(), "");
                        Http.Request request = querySideEndpoints.contains(row.endpoint())
                                ? system.http.query(row.method(), path)
                                : system.http.command(row.method(), path);
                        Http.Response response = send(request, cast, who, target, bodies.get(row.endpoint()));
                        if (response.status() != status) {
                            wrong.add(who + ": expected " + status + ", got " + response);
                        }
                    });
                    assertThat(wrong).as(row.toString()).isEmpty();
                }));
    }

    private static Http.Response send(
            Http.Request request, Cast cast, Who who, Target target, Function<Target, Object> body) {
        request.token(cast.tokenOf(who, target));
        if (body != null) {
            request.json(body.apply(target));
        }
        return request.send();
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        areas().forEach(area -> rows.addAll(Row.parse(area.table())));
        return rows;
    }

    /** Every {@link AuthorizationRows} of this package, found on the class path. */
    private static List<AuthorizationRows> areas() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(AuthorizationRows.class));
        List<AuthorizationRows> areas = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(AuthorizationRows.class.getPackageName())) {
            try {
                Constructor<?> constructor =
                        Class.forName(candidate.getBeanClassName()).getDeclaredConstructor();
                constructor.setAccessible(true);
                areas.add((AuthorizationRows) constructor.newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + candidate.getBeanClassName(), e);
            }
        }
        if (areas.isEmpty()) {
            throw new IllegalStateException("no AuthorizationRows found on the class path");
        }
        return areas;
    }
}
