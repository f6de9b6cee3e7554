package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantNames;
import io.neoforge.operator.config.NeoforgeConfig;
import io.neoforge.operator.database.DatabaseEndpoint;
import io.neoforge.operator.database.PasswordGenerator;
import io.neoforge.operator.database.TenantDatabaseService;
import io.neoforge.operator.tenant.TenantContext;
import io.neoforge.operator.tenant.TenantLabels;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secret {@code neoforge-db}: the tenant's database credentials. The password is generated once and
 * then always read back from the live Secret, never regenerated on a cache miss; the database
 * dependent sets the same password on the role in the same reconciliation.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class DatabaseSecretDependent extends TenantNamespacedDependent<Secret> {
    public static final String NAME = "neoforge-db";
    public static final String PASSWORD = "password";

    @Inject
    TenantDatabaseService database;

    @Inject
    NeoforgeConfig config;

    public DatabaseSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(Tenant tenant, Context<Tenant> context) {
        String password = currentPassword(tenant, context)
                .orElseGet(() -> PasswordGenerator.generate(config.database().passwordLength()));
        TenantContext.putDatabasePassword(context, password);

        String identifier = TenantNames.databaseIdentifier(tenant.getMetadata().getName());
        DatabaseEndpoint endpoint = database.endpoint();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("host", endpoint.host());
        data.put("port", String.valueOf(endpoint.port()));
        data.put("database", endpoint.database());
        data.put("schema", identifier);
        data.put("username", identifier);
        data.put(PASSWORD, password);
        data.put(
                "jdbc-url",
                "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                        + "?currentSchema=" + identifier);
        data.put(
                "uri",
                "postgresql://" + identifier + ":" + password + "@" + endpoint.host() + ":" + endpoint.port() + "/"
                        + endpoint.database() + "?options=-csearch_path%3D" + identifier);
        return new SecretBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withType("Opaque")
                .withData(encode(data))
                .build();
    }

    /** Finding the Secret must not compute desired(): that reads the API server and may generate a password. */
    @Override
    protected ResourceID targetSecondaryResourceID(Tenant tenant, Context<Tenant> context) {
        return new ResourceID(NAME, tenant.namespaceName());
    }

    /**
     * The live Secret from the informer cache, or from the API server when the cache has none: not seen yet, or
     * no longer selected because its label was removed (it is then adopted with this same password).
     */
    private Optional<String> currentPassword(Tenant tenant, Context<Tenant> context) {
        Optional<Secret> live = context.getSecondaryResource(Secret.class);
        if (live.isEmpty()) {
            live = Optional.ofNullable(context.getClient()
                    .secrets()
                    .inNamespace(tenant.namespaceName())
                    .withName(NAME)
                    .get());
        }
        return live.map(Secret::getData)
                .map(data -> data.get(PASSWORD))
                .filter(value -> !value.isBlank())
                .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
    }

    private static Map<String, String> encode(Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }
}
