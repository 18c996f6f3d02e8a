package io.lms.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint, in the words of api.md ("owner, admin"), for its OpenAPI operation: the document shows
 * it in the description and as {@code x-access}. The checks themselves are in the code behind the endpoint; the
 * authorization matrix of system-tests pins both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    /** {@link #value()} of an endpoint that anybody may call, signed in or not. */
    String ANYONE = "anyone";

    String value();

    /** Refusals the signature does not show, such as 429 for a throttled password check. */
    int[] alsoAnswers() default {};
}
