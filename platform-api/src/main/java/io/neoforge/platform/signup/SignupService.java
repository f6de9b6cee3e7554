package io.neoforge.platform.signup;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.platform.audit.AuditLog;
import io.neoforge.platform.problem.ProblemException;
import io.neoforge.platform.problem.ProblemType;
import io.neoforge.platform.tenant.TenantStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Turns a signup into a Tenant; the operator does the rest. */
@RequestScoped
public class SignupService {

    private static final Logger LOG = Logger.getLogger(SignupService.class);

    private final TenantStore store;
    private final AuditLog audit;

    public SignupService(TenantStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Transactional
    public SignupAccepted signup(SignupRequest request, Function<String, URI> statusUrl) {
        SignupValidator.validate(request);
        if (store.findPlan(request.plan()).isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_PLAN, "there is no plan named '" + request.plan() + "'");
        }
        if (store.find(request.name()).isPresent()) {
            throw nameTaken(request.name());
        }
        audit.record(
                "tenant.signup",
                request.name(),
                Map.of(
                        "plan",
                        request.plan(),
                        "displayName",
                        request.displayName(),
                        "adminEmail",
                        request.adminEmail()));
        try {
            store.create(tenant(request));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw nameTaken(request.name());
            }
            throw e;
        }
        LOG.infof("tenant %s: signed up on plan %s", request.name(), request.plan());
        return new SignupAccepted(
                request.name(), statusUrl.apply(request.name()).toString());
    }

    private static Tenant tenant(SignupRequest request) {
        TenantSpec spec = new TenantSpec();
        spec.setPlan(request.plan());
        spec.setDisplayName(request.displayName());
        spec.setAdmins(List.of(new TenantAdmin(TenantAdmin.Kind.User, request.adminEmail())));
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(request.name());
        tenant.setSpec(spec);
        return tenant;
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(ProblemType.NAME_TAKEN, "tenant name '" + name + "' is already taken");
    }
}
