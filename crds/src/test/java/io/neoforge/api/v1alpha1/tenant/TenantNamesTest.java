package io.neoforge.api.v1alpha1.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantNamesTest {
    private static final String FORTY = "abcdefghijklmnopqrstuvwxyz-0123456789-yz";

    @Test
    void celReservedListHoldsExactlyTheReservedNames() {
        String list = TenantNames.RESERVED_CEL_LIST.trim();
        assertThat(list).startsWith("[").endsWith("]");
        List<String> names = Arrays.stream(list.substring(1, list.length() - 1).split(","))
                .map(String::trim)
                .peek(quoted -> assertThat(quoted).startsWith("'").endsWith("'"))
                .map(quoted -> quoted.substring(1, quoted.length() - 1))
                .toList();
        assertThat(names).containsExactlyElementsOf(TenantNames.RESERVED);
    }

    @Test
    void celReservedRuleNamesEveryReservedPrefixAndTheList() {
        assertThat(TenantNames.CEL_RESERVED).contains("self.metadata.name in " + TenantNames.RESERVED_CEL_LIST);
        for (String prefix : TenantNames.RESERVED_PREFIXES) {
            assertThat(TenantNames.CEL_RESERVED).contains("!self.metadata.name.startsWith('" + prefix + "')");
        }
        int startsWithChecks = TenantNames.CEL_RESERVED.split("startsWith\\(", -1).length - 1;
        assertThat(startsWithChecks)
                .as("one startsWith per reserved prefix, no more")
                .isEqualTo(TenantNames.RESERVED_PREFIXES.size());
    }

    @Test
    void celLengthAndPatternRulesUseTheJavaConstants() {
        assertThat(TenantNames.CEL_LENGTH)
                .contains(">= " + TenantNames.MIN_LENGTH)
                .contains("<= " + TenantNames.MAX_LENGTH);
        assertThat(TenantNames.CEL_PATTERN).contains("'" + TenantNames.PATTERN + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "globex", "acme-corp", "a1b", "abc", "x-1-y", FORTY})
    void acceptsDnsLabelsOfThreeToFortyCharacters(String name) {
        assertThat(TenantNames.problem(name)).isEmpty();
        assertThat(TenantNames.isValid(name)).isTrue();
    }

    @Test
    void fortyCharactersIsTheLongestName() {
        assertThat(FORTY).hasSize(40);
        assertThat(TenantNames.isValid(FORTY)).isTrue();
        assertThat(TenantNames.problem(FORTY + "d")).contains(TenantNames.MESSAGE_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a", ""})
    void refusesNamesShorterThanThree(String name) {
        assertThat(TenantNames.problem(name)).contains(TenantNames.MESSAGE_LENGTH);
    }

    @Test
    void refusesNull() {
        assertThat(TenantNames.isValid(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Acme",
                "ACME",
                "acme-",
                "-acme",
                "1acme",
                "a;b",
                "a'b",
                "a b",
                "a_b",
                "a.b",
                "acmé",
                "acme;drop",
                "x'--"
            })
    void refusesWhatIsNotALowerCaseDnsLabelStartingWithALetter(String name) {
        assertThat(TenantNames.problem(name)).contains(TenantNames.MESSAGE_PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "api", "www", "system", "default", "postgres", "public", "tenants"})
    void refusesReservedNames(String name) {
        assertThat(TenantNames.problem(name)).contains(TenantNames.MESSAGE_RESERVED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kube-system",
                "kube-public",
                "neoforge",
                "neoforge-system",
                "neoforgeabc",
                "openshift-x",
                "pg-main"
            })
    void refusesReservedPrefixes(String name) {
        assertThat(TenantNames.problem(name)).contains(TenantNames.MESSAGE_RESERVED);
    }

    @Test
    void everyReservedWordAndPrefixIsRefused() {
        TenantNames.RESERVED.stream()
                .filter(n -> n.length() >= TenantNames.MIN_LENGTH)
                .forEach(n -> assertThat(TenantNames.isValid(n)).as(n).isFalse());
        TenantNames.RESERVED_PREFIXES.forEach(
                p -> assertThat(TenantNames.isValid(p + "abc")).as(p + "abc").isFalse());
    }

    @Test
    void kubeWithoutDashIsNotAPrefixMatch() {
        assertThat(TenantNames.isValid("kubernetes-fans")).isTrue();
    }

    @Test
    void namespaceIsTenantDashName() {
        assertThat(TenantNames.namespace("acme-corp")).isEqualTo("tenant-acme-corp");
    }

    @Test
    void databaseIdentifierReplacesDashesWithUnderscores() {
        assertThat(TenantNames.databaseIdentifier("acme")).isEqualTo("tenant_acme");
        assertThat(TenantNames.databaseIdentifier("acme-corp-eu")).isEqualTo("tenant_acme_corp_eu");
        assertThat(TenantNames.databaseIdentifier(FORTY)).hasSizeLessThanOrEqualTo(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "a'b", "Acme", "admin", "ab", "x\"; DROP SCHEMA public; --", "kube-x"})
    void databaseIdentifierRefusesInvalidNames(String name) {
        assertThatThrownBy(() -> TenantNames.databaseIdentifier(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid tenant name");
    }

    @Test
    void databaseIdentifierRefusesNull() {
        assertThatThrownBy(() -> TenantNames.databaseIdentifier(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
