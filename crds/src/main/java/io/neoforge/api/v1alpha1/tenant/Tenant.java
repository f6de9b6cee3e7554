package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One customer of the SaaS. Cluster-scoped; its objects live in namespace {@code tenant-<name>}. */
@Group("neoforge.io")
@Version("v1alpha1")
@ShortNames("tn")
@Categories("neoforge")
@ValidationRule(value = TenantNames.CEL_LENGTH, message = TenantNames.MESSAGE_LENGTH, reason = "FieldValueInvalid")
@ValidationRule(value = TenantNames.CEL_PATTERN, message = TenantNames.MESSAGE_PATTERN, reason = "FieldValueInvalid")
@ValidationRule(
        value = TenantNames.CEL_RESERVED,
        message = TenantNames.MESSAGE_RESERVED,
        reason = "FieldValueForbidden")
@ValidationRule(
        value = "!has(oldSelf.spec) || !has(self.spec)"
                + " || !has(oldSelf.spec.deletionProtection) || !oldSelf.spec.deletionProtection"
                + " || !has(self.spec.deletionPolicy) || !has(oldSelf.spec.deletionPolicy)"
                + " || self.spec.deletionPolicy == oldSelf.spec.deletionPolicy",
        message = "spec.deletionPolicy cannot change while spec.deletionProtection is true",
        reason = "FieldValueForbidden")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Plan", jsonPath = ".spec.plan", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
        name = "Reason",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
public class Tenant extends CustomResource<TenantSpec, TenantStatus> {
    // No initSpec(): a spec made up here would be sent, whole, by every write built from a new Tenant (JOSDK's
    // finalizer and status patches), and with server-side apply it would overwrite what the user set.

    // Overridden only to give spec and status a description in the CRD (kubectl explain).
    // Required: an apply that would create a Tenant from nothing but metadata (a finalizer apply racing a delete)
    // is refused instead of leaving a Tenant without a plan.
    @Override
    @Required
    @JsonPropertyDescription("What the tenant should be: its plan, admins, workload, features and deletion rules.")
    public TenantSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription(
            "What the operator observed: phase, conditions, address and database; written only by the operator.")
    public TenantStatus getStatus() {
        return super.getStatus();
    }

    /** The spec, or an empty one (every field at its default) when the Tenant has none. Never serialised. */
    @JsonIgnore
    public TenantSpec specOrEmpty() {
        return getSpec() == null ? new TenantSpec() : getSpec();
    }

    @JsonIgnore
    public String namespaceName() {
        return TenantNames.namespace(getMetadata().getName());
    }
}
