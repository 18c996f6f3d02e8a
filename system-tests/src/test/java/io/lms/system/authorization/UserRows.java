package io.lms.system.authorization;

import java.util.Map;
import java.util.function.Function;

/** Sign-up, sign-in, sessions, and users: their commands and reads. The owner of a user is the user themself. */
class UserRows implements AuthorizationRows {

    @Override
    public String table() {
        return """
                endpoint                       target   anonymous student enrolled instructor owner auditor admin
                POST  /api/users               none     201       201     -        201        -     201     201
                POST  /api/auth/token          user     200       200     -        200        -     200     200
                POST  /api/auth/refresh        session  200       200     -        200        -     200     200
                POST  /api/auth/logout         session  204       204     -        204        -     204     204
                PATCH /api/users/{id}/profile  user     401       403     -        403        200   403     200
                PUT   /api/users/{id}/password user     401       403     -        403        200   403     403
                PUT   /api/users/{id}/role     user     401       403     -        403        403   403     200
                GET   /api/users/me            none     401       200     -        200        -     200     200
                GET   /api/users/{id}          user     401       200     -        200        200   200     200
                GET   /api/users               none     401       403     -        403        -     403     200
                """;
    }

    @Override
    public Map<String, Function<Target, Object>> bodies() {
        return Map.of(
                "POST /api/users", t -> Cast.Bodies.newUser(),
                "POST /api/auth/token", t -> Map.of("login", t.fact("username"), "password", t.fact("password")),
                "POST /api/auth/refresh", t -> Map.of("refresh_token", t.fact("refresh_token")),
                "POST /api/auth/logout", t -> Map.of("refresh_token", t.fact("refresh_token")),
                "PATCH /api/users/{id}/profile", t -> Map.of("bio", "Changed"),
                "PUT /api/users/{id}/password",
                        t -> Map.of("current_password", t.fact("password"), "new_password", "another-password-1"),
                "PUT /api/users/{id}/role", t -> Map.of("role", "instructor"));
    }
}
