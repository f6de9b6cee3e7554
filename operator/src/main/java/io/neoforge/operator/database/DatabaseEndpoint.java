package io.neoforge.operator.database;

/** Where a tenant's application connects: what goes into its {@code neoforge-db} Secret. */
public record DatabaseEndpoint(String host, int port, String database) {

    /** {@code jdbc:postgresql://host:port/database} (IPv6 hosts in brackets). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database;
    }

    /** {@code host:port/database}, for messages. */
    public String describe() {
        return hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
