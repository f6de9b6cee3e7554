package io.neoforge.api.v1alpha1.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseEntitlement {
    public static final String DEFAULT_CONNECTION_LIMIT = "10";

    @JsonPropertyDescription("Most concurrent connections the tenant's database role may open (CONNECTION LIMIT).")
    @Default(DEFAULT_CONNECTION_LIMIT)
    @Min(1)
    @Max(1000)
    private Integer connectionLimit;

    public Integer getConnectionLimit() {
        return connectionLimit;
    }

    public void setConnectionLimit(Integer connectionLimit) {
        this.connectionLimit = connectionLimit;
    }

    @JsonIgnore
    public int effectiveConnectionLimit() {
        return connectionLimit == null ? Integer.parseInt(DEFAULT_CONNECTION_LIMIT) : connectionLimit;
    }
}
