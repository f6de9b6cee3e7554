package io.neoforge.sandbox.admission;

import static io.neoforge.sandbox.admission.Crds.TENANT;
import static io.neoforge.sandbox.admission.Crds.json;
import static io.neoforge.sandbox.admission.Crds.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed Tenant CRD, admitted as a real API server would. */
class TenantAdmissionTest {

    static final String DNS_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
            + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String DNS_LABEL_RULE = "<nil>: Invalid value: \"object\": metadata.name: a tenant name must be a DNS "
            + "label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
    static final String RESERVED_RULE = "<nil>: Forbidden: metadata.name: this tenant name is reserved (admin, api, "
            + "www, system, default, kube-*, neoforge*, ...)";
    static final String LENGTH_RULE =
            "<nil>: Invalid value: \"object\": metadata.name: a tenant name must be 3 to 40 " + "characters long";
    static final String NOT_CHECKED = "<nil>: Invalid value: \"null\": some validation rules were not checked because "
            + "the object was invalid; correct the existing errors to complete validation";

    final SchemaAdmission admission = new SchemaAdmission();

    AdmissionResult create(ObjectNode tenant) {
        return admission.admit("CREATE", TENANT, tenant, null);
    }

    AdmissionResult update(ObjectNode oldTenant, ObjectNode newTenant) {
        return admission.admit("UPDATE", TENANT, newTenant, oldTenant);
    }

    @Nested
    class Create {

        @Test
        void validTenantIsAllowedAndDefaulted() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter'}"));

            assertThat(result.allowed()).isTrue();
            assertThat(result.code()).isEqualTo(200);
            assertThat(result.causes()).isEmpty();
            ObjectNode spec = (ObjectNode) result.object().get("spec");
            assertThat(spec.get("plan").asText()).isEqualTo("starter");
            assertThat(spec.get("deletionPolicy").asText()).isEqualTo("Retain");
            assertThat(spec.get("suspended").isBoolean()).isTrue();
            assertThat(spec.get("suspended").booleanValue()).isFalse();
            assertThat(spec.get("deletionProtection").booleanValue()).isFalse();
        }

        @Test
        void defaultsApplyOnlyWhereTheParentObjectExists() {
            ObjectNode withoutWorkload =
                    create(tenant("acme", "{'plan': 'starter'}")).object();
            ObjectNode withWorkload = create(tenant("acme", "{'plan': 'starter', 'workload': {}}"))
                    .object();

            assertThat(withoutWorkload.get("spec").has("workload")).isFalse();
            assertThat(withWorkload.at("/spec/workload/port").intValue()).isEqualTo(8080);
        }

        @Test
        void explicitValuesWinOverDefaults() {
            ObjectNode spec = (ObjectNode)
                    create(tenant("acme", "{'plan': 'starter', 'deletionPolicy': 'Delete', 'suspended': true}"))
                            .object()
                            .get("spec");

            assertThat(spec.get("deletionPolicy").asText()).isEqualTo("Delete");
            assertThat(spec.get("suspended").booleanValue()).isTrue();
        }

        @Test
        void admissionDoesNotModifyTheObjectItWasGiven() {
            ObjectNode input = tenant("acme", "{'plan': 'starter', 'unknown': 1}");
            ObjectNode copy = input.deepCopy();

            create(input);

            assertThat(input).isEqualTo(copy);
        }

        @Test
        void unknownFieldsArePrunedButMetadataIsLeftAlone() {
            ObjectNode input = tenant("acme", "{'plan': 'starter', 'colour': 'blue', 'branding': {'font': 'x'}}");
            input.put("extra", "top-level");
            ((ObjectNode) input.get("metadata")).putObject("labels").put("team", "a");
            ((ObjectNode) input.get("metadata")).put("somethingUnknown", "kept");
            input.set("status", json("{'phase': 'Ready', 'bogus': 1}"));

            AdmissionResult result = create(input);

            assertThat(result.allowed()).isTrue();
            ObjectNode out = result.object();
            assertThat(out.has("extra")).isFalse();
            assertThat(out.get("spec").has("colour")).isFalse();
            assertThat(out.at("/spec/branding").isObject()).isTrue();
            assertThat(out.at("/spec/branding").has("font")).isFalse();
            assertThat(out.at("/status/phase").asText()).isEqualTo("Ready");
            assertThat(out.get("status").has("bogus")).isFalse();
            assertThat(out.at("/metadata/labels/team").asText()).isEqualTo("a");
            assertThat(out.at("/metadata/somethingUnknown").asText()).isEqualTo("kept");
            assertThat(out.get("apiVersion").asText()).isEqualTo("neoforge.io/v1alpha1");
            assertThat(out.get("kind").asText()).isEqualTo("Tenant");
        }

        @Test
        void nameWithUpperCaseIsRefusedAsNotADnsSubdomainAndByTheDnsLabelRule() {
            AdmissionResult result = create(tenant("Acme", "{'plan': 'starter'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.code()).isEqualTo(422);
            assertThat(result.reason()).isEqualTo("Invalid");
            assertThat(result.causes())
                    .containsExactly("metadata.name: Invalid value: \"Acme\": " + DNS_SUBDOMAIN, DNS_LABEL_RULE);
            assertThat(result.message()).isEqualTo("[" + String.join(", ", result.causes()) + "]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"acme;drop", "a'b", "acme drop", "acme--x_y"})
        void nameWithSqlMetacharactersIsRefused(String name) {
            AdmissionResult result = create(tenant(name, "{'plan': 'starter'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.causes())
                    .containsExactly(
                            "metadata.name: Invalid value: " + FieldError.goQuote(name) + ": " + DNS_SUBDOMAIN,
                            DNS_LABEL_RULE);
        }

        @Test
        void nameWithADotIsADnsSubdomainButNotATenantName() {
            AdmissionResult result = create(tenant("acme.io", "{'plan': 'starter'}"));

            assertThat(result.causes()).containsExactly(DNS_LABEL_RULE);
            assertThat(result.message()).isEqualTo(DNS_LABEL_RULE);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "admin",
                    "api",
                    "www",
                    "system",
                    "default",
                    "kube-system",
                    "kube-public",
                    "neoforge",
                    "neoforge-x",
                    "openshift-x",
                    "pg-main"
                })
        void reservedNameIsForbidden(String name) {
            AdmissionResult result = create(tenant(name, "{'plan': 'starter'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.causes()).containsExactly(RESERVED_RULE);
            assertThat(result.message()).isEqualTo(RESERVED_RULE);
        }

        @Test
        void nameOf41CharactersIsRefused() {
            AdmissionResult result = create(tenant("a".repeat(41), "{'plan': 'starter'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.causes()).containsExactly(LENGTH_RULE);
        }

        @Test
        void nameOf40CharactersIsAllowed() {
            assertThat(create(tenant("a".repeat(40), "{'plan': 'starter'}")).allowed())
                    .isTrue();
        }

        @Test
        void nameOf2CharactersIsRefused() {
            AdmissionResult result = create(tenant("ab", "{'plan': 'starter'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.causes()).containsExactly(LENGTH_RULE);
        }

        @Test
        void missingNameIsRequired() {
            ObjectNode t = tenant("x", "{'plan': 'starter'}");
            ((ObjectNode) t.get("metadata")).remove("name");

            assertThat(create(t).causes())
                    .startsWith("metadata.name: Required value: name or generateName is required");
        }

        @Test
        void missingPlanIsRequiredAndStopsCelRules() {
            AdmissionResult result = create(tenant("acme", "{'displayName': 'Acme'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.causes()).containsExactly("spec.plan: Required value", NOT_CHECKED);
            assertThat(result.message()).isEqualTo("[spec.plan: Required value, " + NOT_CHECKED + "]");
        }

        @Test
        void blockingErrorHidesCelErrorsLikeTheApiServer() {
            AdmissionResult result = create(tenant("Admin", "{}"));

            assertThat(result.causes())
                    .containsExactly(
                            "metadata.name: Invalid value: \"Admin\": " + DNS_SUBDOMAIN,
                            "spec.plan: Required value",
                            NOT_CHECKED);
        }

        @Test
        void unsupportedDeletionPolicyIsRefusedWithTheSupportedValues() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'deletionPolicy': 'Maybe'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.causes())
                    .containsExactly(
                            "spec.deletionPolicy: Unsupported value: \"Maybe\": supported values: \"Delete\", \"Retain\"",
                            NOT_CHECKED);
        }

        @Test
        void badPlanNameIsRefusedByPattern() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'Starter!'}"));

            assertThat(result.causes())
                    .containsExactly("spec.plan: Invalid value: \"Starter!\": spec.plan in body "
                            + "should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'");
        }

        @Test
        void emptyPlanIsTooShort() {
            AdmissionResult result = create(tenant("acme", "{'plan': ''}"));

            assertThat(result.causes())
                    .contains("spec.plan: Invalid value: \"\": spec.plan in body should be at least 1 chars long");
        }

        @Test
        void badBrandingColorIsRefusedByPattern() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'branding': {'primaryColor': 'red'}}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.message())
                    .isEqualTo("spec.branding.primaryColor: Invalid value: \"red\": "
                            + "spec.branding.primaryColor in body should match '^#[0-9a-fA-F]{6}$'");
        }

        @Test
        void goodBrandingColorIsAllowed() {
            assertThat(create(tenant("acme", "{'plan': 'starter', 'branding': {'primaryColor': '#A0b1C2'}}"))
                            .allowed())
                    .isTrue();
        }

        @Test
        void tooLongDisplayNameIsRefused() {
            AdmissionResult result =
                    create(tenant("acme", "{'plan': 'starter', 'displayName': '" + "x".repeat(201) + "'}"));

            assertThat(result.causes())
                    .containsExactly("spec.displayName: Too long: may not be more than 200 bytes", NOT_CHECKED);
        }

        @Test
        void wrongTypeIsRefused() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'suspended': 'yes'}"));

            assertThat(result.causes())
                    .containsExactly(
                            "spec.suspended: Invalid value: \"string\": spec.suspended in body must be of type boolean: \"string\"",
                            NOT_CHECKED);
        }

        @Test
        void mapValuesAreValidatedAgainstAdditionalProperties() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'features': {'ok': 'on', 'bad': 1}}"));

            assertThat(result.causes())
                    .containsExactly(
                            "spec.features.bad: Invalid value: \"integer\": spec.features.bad in body must be of type string: "
                                    + "\"integer\"",
                            NOT_CHECKED);
        }

        @Test
        void portOutOfRangeIsRefused() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'workload': {'port': 80}}"));

            assertThat(result.message())
                    .isEqualTo(
                            "spec.workload.port: Invalid value: 80: spec.workload.port in body should be greater than or equal to 1024");
        }

        @Test
        void tooManyAdminsAreRefused() {
            StringBuilder admins = new StringBuilder();
            for (int i = 0; i < 51; i++) {
                admins.append(i == 0 ? "" : ",").append("{'name': 'u").append(i).append("'}");
            }
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'admins': [" + admins + "]}"));

            assertThat(result.causes())
                    .containsExactly("spec.admins: Too many: 51: must have at most 50 items", NOT_CHECKED);
        }

        @Test
        void adminsAreDefaultedAndValidatedPerItem() {
            AdmissionResult result = create(tenant("acme", "{'plan': 'starter', 'admins': [{'name': 'a@x.io'}, {}]}"));

            assertThat(result.object().at("/spec/admins/0/kind").asText()).isEqualTo("User");
            assertThat(result.causes()).containsExactly("spec.admins[1].name: Required value", NOT_CHECKED);
        }

        @Test
        void reservedEnvironmentVariableIsRefusedByTheItemRule() {
            AdmissionResult result = create(
                    tenant(
                            "acme",
                            "{'plan': 'starter', 'workload': {'env': [{'name': 'OK', 'value': '1'}, {'name': 'NEOFORGE_X'}]}}"));

            assertThat(result.causes())
                    .containsExactly("spec.workload.env[1]: Invalid value: \"object\": "
                            + "spec.workload.env: names starting with NEOFORGE_ or DATABASE_ are set by the operator");
        }

        @Test
        void transitionRuleIsNotEvaluatedOnCreate() {
            assertThat(create(tenant(
                                    "acme",
                                    "{'plan': 'starter', 'deletionProtection': true, 'deletionPolicy': 'Delete'}"))
                            .allowed())
                    .isTrue();
        }

        @Test
        void nullForANonNullableFieldIsDroppedThenDefaulted() {
            AdmissionResult result =
                    create(tenant("acme", "{'plan': 'starter', 'deletionPolicy': null, 'displayName': null}"));

            assertThat(result.allowed()).isTrue();
            assertThat(result.object().at("/spec/deletionPolicy").asText()).isEqualTo("Retain");
            assertThat(result.object().get("spec").has("displayName")).isFalse();
        }
    }

    @Nested
    class Update {

        final ObjectNode protectedTenant =
                tenant("acme", "{'plan': 'starter', 'deletionProtection': true, 'deletionPolicy': 'Retain'}");

        @Test
        void changingDeletionPolicyWhileProtectedIsForbidden() {
            AdmissionResult result = update(
                    protectedTenant,
                    tenant("acme", "{'plan': 'starter', 'deletionProtection': true, 'deletionPolicy': 'Delete'}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.code()).isEqualTo(422);
            assertThat(result.message())
                    .isEqualTo(
                            "<nil>: Forbidden: spec.deletionPolicy cannot change while spec.deletionProtection is true");
        }

        @Test
        void liftingProtectionAndChangingPolicyInOneUpdateIsForbidden() {
            AdmissionResult result = update(
                    protectedTenant,
                    tenant("acme", "{'plan': 'starter', 'deletionProtection': false, 'deletionPolicy': 'Delete'}"));

            assertThat(result.allowed()).isFalse();
        }

        @Test
        void changingDeletionPolicyWithoutProtectionIsAllowed() {
            ObjectNode old = tenant("acme", "{'plan': 'starter', 'deletionProtection': false}");

            AdmissionResult result = update(
                    old,
                    tenant("acme", "{'plan': 'starter', 'deletionProtection': false, 'deletionPolicy': 'Delete'}"));

            assertThat(result.allowed()).isTrue();
            assertThat(result.object().at("/spec/deletionPolicy").asText()).isEqualTo("Delete");
        }

        @Test
        void oldObjectIsDefaultedBeforeTransitionRules() {
            // stored before the defaults existed: no deletionPolicy; defaulting makes it Retain, so Delete is a change
            ObjectNode old = tenant("acme", "{'plan': 'starter', 'deletionProtection': true}");

            AdmissionResult result = update(
                    old, tenant("acme", "{'plan': 'starter', 'deletionProtection': true, 'deletionPolicy': 'Delete'}"));

            assertThat(result.allowed()).isFalse();
        }

        @Test
        void otherChangesOfAProtectedTenantAreAllowed() {
            AdmissionResult result = update(
                    protectedTenant,
                    tenant("acme", "{'plan': 'business', 'deletionProtection': true, 'deletionPolicy': 'Retain'}"));

            assertThat(result.allowed()).isTrue();
        }

        @Test
        void unchangedInvalidValueIsRatcheted() {
            ObjectNode old = tenant("acme", "{'plan': 'starter', 'branding': {'primaryColor': 'red'}}");

            AdmissionResult result =
                    update(old, tenant("acme", "{'plan': 'business', 'branding': {'primaryColor': 'red'}}"));

            assertThat(result.allowed()).isTrue();
        }

        @Test
        void changedInvalidValueIsRefused() {
            ObjectNode old = tenant("acme", "{'plan': 'starter', 'branding': {'primaryColor': 'red'}}");

            AdmissionResult result =
                    update(old, tenant("acme", "{'plan': 'starter', 'branding': {'primaryColor': 'blue'}}"));

            assertThat(result.allowed()).isFalse();
            assertThat(result.message()).startsWith("spec.branding.primaryColor: Invalid value: \"blue\"");
        }
    }
}
