package io.neoforge.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Branding {
    @JsonPropertyDescription("Primary colour of the tenant's app, as #rrggbb.")
    @Pattern("^#[0-9a-fA-F]{6}$")
    private String primaryColor;

    @JsonPropertyDescription("HTTPS address of the tenant's logo.")
    @Pattern("^https://[^\\s]+$")
    @Size(max = 2048)
    private String logoUrl;

    @JsonPropertyDescription("Where the tenant's users get support, shown in the app.")
    @Pattern("^[^@\\s]+@[^@\\s]+$")
    @Size(max = 254)
    private String supportEmail;

    public String getPrimaryColor() {
        return primaryColor;
    }

    public void setPrimaryColor(String primaryColor) {
        this.primaryColor = primaryColor;
    }

    public String getLogoUrl() {
        return logoUrl;
    }

    public void setLogoUrl(String logoUrl) {
        this.logoUrl = logoUrl;
    }

    public String getSupportEmail() {
        return supportEmail;
    }

    public void setSupportEmail(String supportEmail) {
        this.supportEmail = supportEmail;
    }
}
