package io.neoforge.platform.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

public class RequestIdHeader {

    @Inject
    RequestId requestId;

    @ServerResponseFilter
    public void addRequestId(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestId.HEADER, requestId.value());
    }
}
