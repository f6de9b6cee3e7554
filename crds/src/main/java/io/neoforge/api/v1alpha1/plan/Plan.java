package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A catalog entry: what a tenant on this plan is entitled to. Cluster-scoped. */
@Group("neoforge.io")
@Version("v1alpha1")
@ShortNames("nfplan")
@Categories("neoforge")
@AdditionalPrinterColumn(
        name = "Display Name",
        jsonPath = ".spec.displayName",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.replicas.min", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.replicas.max", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Tenants", jsonPath = ".status.tenants", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class Plan extends CustomResource<PlanSpec, PlanStatus> {
    // Overridden only to give spec and status a description in the CRD (kubectl explain).
    @Override
    @JsonPropertyDescription("Entitlements of a tenant on this plan and the Stripe prices it is billed at.")
    public PlanSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed about the plan; written only by the operator.")
    public PlanStatus getStatus() {
        return super.getStatus();
    }

    /** The spec, or an empty one (every entitlement at its default) when the Plan has none. Never serialised. */
    @JsonIgnore
    public PlanSpec specOrEmpty() {
        return getSpec() == null ? new PlanSpec() : getSpec();
    }
}
