package io.neoforge.platform.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The caller's network address. Behind an ingress, set {@code quarkus.http.proxy.proxy-address-forwarding=true} with
 * {@code quarkus.http.proxy.trusted-proxies}, so this is the client's address and not the proxy's.
 */
@RequestScoped
public class ClientAddress {

    @Inject
    RoutingContext routingContext;

    public String value() {
        SocketAddress address = routingContext.request().remoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
