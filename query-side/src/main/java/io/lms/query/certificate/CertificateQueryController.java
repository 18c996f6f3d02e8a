package io.lms.query.certificate;

import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;

import io.lms.api.enrollment.CertificateView;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.support.ReadYourWrites;
import io.lms.query.support.ReadYourWrites.Target;
import io.lms.query.user.UserReadModel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Certificates: a student's list, and one certificate for its student, admins, and anyone holding its
 * verification code. Without the right code a certificate does not exist for anyone else: a wrong or missing code
 * answers the very 404 an unknown id does, so that certificates cannot be enumerated.
 */
@RestController
class CertificateQueryController {

    private final CertificateReadModel certificates;
    private final UserReadModel users;
    private final CertificateUrls urls;
    private final ReadYourWrites readYourWrites;

    CertificateQueryController(
            CertificateReadModel certificates,
            UserReadModel users,
            CertificateUrls urls,
            ReadYourWrites readYourWrites) {
        this.certificates = certificates;
        this.users = users;
        this.urls = urls;
        this.readYourWrites = readYourWrites;
    }

    @Access("its student, admin; anyone holding its verification code (?code=)")
    @GetMapping("/api/certificates/{id}")
    ResponseEntity<CertificateView> certificate(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(required = false) String code,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        Target target = Target.partOf("certificate", id, d -> hex(d.get("enrollment_id")), caller)
                .visibleIf(d -> caller.is(hex(d.get("user_id"))) || caller.isAdmin() || holdsCode(d, code));
        Document certificate = readYourWrites.load(() -> certificates.find(id), minVersion, target);
        return ReadYourWrites.withEtag(certificate, view(certificate));
    }

    @Access("self, admin")
    @GetMapping("/api/users/{id}/certificates")
    ResponseEntity<PageResponse<CertificateView>> ofStudent(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireSelfOrAdmin(id);
        return Paging.ok(certificates.ofStudent(id, this::view, page, size));
    }

    /** Compared in constant time, so that the answer's timing says nothing about how much of a code was right. */
    private static boolean holdsCode(Document certificate, String code) {
        String expected = certificate.getString("verification_code");
        return code != null
                && expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8));
    }

    /** The student's name as their profile has it now (their username where they gave none). */
    private CertificateView view(Document d) {
        String studentId = hex(d.get("user_id"));
        String studentName = users.find(studentId)
                .map(u -> {
                    Document profile = u.get("profile", Document.class);
                    String fullName = profile == null ? null : profile.getString("full_name");
                    return fullName == null || fullName.isBlank() ? u.getString("username") : fullName;
                })
                .orElse(null);
        return new CertificateView(
                hex(d.get("_id")),
                studentId,
                hex(d.get("course_id")),
                instant(d.getDate("issued_at")),
                urls.absolute(d.getString("certificate_url")),
                studentName,
                d.getString("course_title"));
    }
}
