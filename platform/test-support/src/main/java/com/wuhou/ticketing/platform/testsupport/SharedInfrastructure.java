package com.wuhou.ticketing.platform.testsupport;

/** Where the MySQL and Redis of this test JVM answer. */
public record SharedInfrastructure(
        String mysqlHost, int mysqlPort, String mysqlUser, String mysqlPassword, String redisHost, int redisPort) {

    private static volatile SharedInfrastructure instance;

    /** Starts the servers on first use; later calls return the same ones. */
    public static SharedInfrastructure get() {
        SharedInfrastructure started = instance;
        if (started == null) {
            synchronized (SharedInfrastructure.class) {
                started = instance;
                if (started == null) {
                    started = DockerInfrastructure.isAvailable()
                            ? DockerInfrastructure.start()
                            : EmbeddedInfrastructure.start();
                    instance = started;
                }
            }
        }
        return started;
    }

    /** JDBC URL of a schema, created on first connection. */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/" + schema
                + "?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC";
    }
}
