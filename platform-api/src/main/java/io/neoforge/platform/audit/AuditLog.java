package io.neoforge.platform.audit;

import io.neoforge.platform.auth.Caller;
import io.neoforge.platform.http.ClientAddress;
import io.neoforge.platform.http.RequestId;
import jakarta.enterprise.context.RequestScoped;
import java.util.Map;

/**
 * Records a write of the current request. Call it inside the write's transaction, before the write to Kubernetes:
 * a write that fails rolls its row back, and a database that is down stops the write instead of losing its record.
 */
@RequestScoped
public class AuditLog {

    private final AuditRepository repository;
    private final Caller caller;
    private final RequestId requestId;
    private final ClientAddress clientAddress;

    public AuditLog(AuditRepository repository, Caller caller, RequestId requestId, ClientAddress clientAddress) {
        this.repository = repository;
        this.caller = caller;
        this.requestId = requestId;
        this.clientAddress = clientAddress;
    }

    public void record(String action, String tenant, Map<String, Object> details) {
        repository.insert(caller.name(), action, tenant, requestId.value(), clientAddress.value(), details);
    }
}
