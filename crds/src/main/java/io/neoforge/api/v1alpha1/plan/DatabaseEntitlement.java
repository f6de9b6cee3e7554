package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class DatabaseEntitlement {
    @JsonPropertyDescription("Most concurrent connections the tenant's database role may open (CONNECTION LIMIT).")
    @Default("10")
    @Min(1)
    @Max(1000)
    private Integer connectionLimit = 10;

    public Integer getConnectionLimit() { return connectionLimit; }
    public void setConnectionLimit(Integer connectionLimit) { this.connectionLimit = connectionLimit; }
}
