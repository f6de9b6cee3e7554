package io.neoforge.platform.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the current request: the caller's {@code X-Request-Id} when it is a sane token (so a request can be
 * followed through a gateway), a new UUID otherwise. Echoed in the response, problem details and the audit log.
 */
@RequestScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    RoutingContext routingContext;

    private String value;

    public String value() {
        if (value == null) {
            String given = routingContext.request().getHeader(HEADER);
            value = given != null && SANE.matcher(given).matches()
                    ? given
                    : UUID.randomUUID().toString();
        }
        return value;
    }
}
