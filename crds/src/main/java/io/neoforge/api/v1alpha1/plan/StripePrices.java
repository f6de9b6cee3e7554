package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class StripePrices {
    @JsonPropertyDescription("Stripe price id of the plan's recurring fee, e.g. price_1P2x...")
    @Pattern("^price_[A-Za-z0-9]+$")
    private String priceId;

    @JsonPropertyDescription("Stripe price id of the plan's metered usage, if it bills usage.")
    @Pattern("^price_[A-Za-z0-9]+$")
    private String meteredPriceId;

    public String getPriceId() {
        return priceId;
    }

    public void setPriceId(String priceId) {
        this.priceId = priceId;
    }

    public String getMeteredPriceId() {
        return meteredPriceId;
    }

    public void setMeteredPriceId(String meteredPriceId) {
        this.meteredPriceId = meteredPriceId;
    }
}
