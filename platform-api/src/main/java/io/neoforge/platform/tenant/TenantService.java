package io.neoforge.platform.tenant;

import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.platform.audit.AuditLog;
import io.neoforge.platform.auth.Caller;
import io.neoforge.platform.problem.FieldError;
import io.neoforge.platform.problem.ProblemException;
import io.neoforge.platform.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and changes tenants on behalf of the caller. Writes run in a transaction with their audit row (see
 * {@link AuditLog}).
 */
@RequestScoped
public class TenantService {

    private final TenantStore store;
    private final Caller caller;
    private final AuditLog audit;

    public TenantService(TenantStore store, Caller caller, AuditLog audit) {
        this.store = store;
        this.caller = caller;
        this.audit = audit;
    }

    public List<Tenant> visibleTenants() {
        if (caller.isPlatformAdmin()) {
            return store.list();
        }
        return caller.tenant().flatMap(store::find).stream().toList();
    }

    public Tenant get(String name) {
        caller.requireAccess(name);
        return store.find(name).orElseThrow(() -> ProblemException.notFound("no tenant named '" + name + "'"));
    }

    @Transactional
    public Tenant changePlan(String name, PlanChange change) {
        Tenant tenant = get(name);
        String plan = change == null ? null : change.plan();
        if (plan == null || plan.isBlank()) {
            throw ProblemException.validation(List.of(new FieldError("plan", "is required")));
        }
        if (store.findPlan(plan).isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_PLAN, "there is no plan named '" + plan + "'");
        }
        String previous = tenant.specOrEmpty().getPlan();
        if (plan.equals(previous)) {
            return tenant;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", previous);
        details.put("to", plan);
        audit.record("tenant.plan.change", name, details);
        return store.edit(name, t -> {
            TenantSpec spec = t.specOrEmpty();
            spec.setPlan(plan);
            t.setSpec(spec);
            return t;
        });
    }

    @Transactional
    public Tenant update(String name, TenantPatch patch) {
        get(name);
        audit.record("tenant.update", name, patch.changes());
        return store.edit(name, t -> {
            TenantSpec spec = t.specOrEmpty();
            patch.applyTo(spec);
            t.setSpec(spec);
            return t;
        });
    }

    @Transactional
    public void delete(String name) {
        Tenant tenant = get(name);
        if (tenant.specOrEmpty().isDeletionProtected()) {
            throw new ProblemException(
                    ProblemType.DELETION_PROTECTED,
                    "tenant '" + name + "' has spec.deletionProtection=true; set it to false first");
        }
        audit.record(
                "tenant.delete",
                name,
                Map.of("plan", String.valueOf(tenant.specOrEmpty().getPlan())));
        store.delete(name);
    }
}
