package io.lms.system.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import java.time.Duration;
import java.util.Map;

/** A query side's projections as its admin endpoint reports them ({@code GET /api/admin/projections}). */
final class Projections {

    private Projections() {}

    /**
     * Waits until every projection of the query side behind {@code http} runs with no lag behind the event
     * store's head, twice in a row a second apart; fails with the last report after {@code timeout}.
     */
    static void awaitCaughtUp(Http http, Duration timeout) {
        String token = adminToken(http);
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        int caughtUpInARow = 0;
        while (System.nanoTime() < deadline) {
            Response r = http.query("/api/admin/projections").token(token).send();
            last = r.toString();
            caughtUpInARow = r.status() == 200 && caughtUp(r.json()) ? caughtUpInARow + 1 : 0;
            if (caughtUpInARow == 2) {
                return;
            }
            ServiceProcess.sleep(1000);
        }
        throw new AssertionError(
                "the projections of " + http.queryUrl + " did not catch up in " + timeout + ": " + last);
    }

    private static boolean caughtUp(JsonNode projections) {
        if (projections.isEmpty()) {
            return false;
        }
        for (JsonNode projection : projections) {
            if (!"running".equalsIgnoreCase(projection.get("status").asText())
                    || projection.get("lag_events").asLong() != 0
                    || projection.get("head").asLong() == 0) {
                return false;
            }
        }
        return true;
    }

    private static String adminToken(Http http) {
        Response r = http.command("POST", "/api/auth/token")
                .json(Map.of("login", LocalSystem.ADMIN_USERNAME, "password", LocalSystem.ADMIN_PASSWORD))
                .send();
        if (r.status() != 200) {
            throw new AssertionError("the admin cannot sign in: " + r);
        }
        return r.json().get("access_token").asText();
    }
}
