package io.lms.system.authorization;

import java.util.Map;
import java.util.function.Function;

/**
 * The audit trail and aggregates' past states (auditors and admins) and the projections' state (admins), all reads;
 * and the replay of a projection (admins), which rebuilds it and changes none of its documents.
 */
class AuditRows implements AuthorizationRows {

    @Override
    public String table() {
        return """
                endpoint                                         target       anonymous student enrolled instructor owner auditor admin
                GET /api/audit/events                            none         401       403     -        403        -     200     200
                GET /api/audit/events/export                     none         401       403     -        403        -     200     200
                GET /api/audit/{aggregate_type}/{id}/events      audited-user 401       403     -        403        403   200     200
                GET /api/audit/{aggregate_type}/{id}/state       audited-user 401       403     -        403        403   200     200
                GET /api/admin/projections                       none         401       403     -        403        -     403     200
                GET /api/admin/projections/{name}                projection   401       403     -        403        -     403     200
                POST /api/admin/projections/{name}/replay        projection   401       403     -        403        -     403     202
                """;
    }

    @Override
    public Map<String, Function<Target, Object>> bodies() {
        return Map.of();
    }

    /** The past state needs a version or a moment; the command side serves it (see docs/audit.md). */
    @Override
    public Map<String, String> queries() {
        return Map.of("GET /api/audit/{aggregate_type}/{id}/state", "?version=0");
    }
}
