package com.wuhou.ticketing.platform.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/** MySQL and Redis in containers, for machines that have a Docker engine. */
final class DockerInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(DockerInfrastructure.class);

    /** {@code -Dticketing.test.infra=embedded} forces the embedded servers even where Docker runs. */
    static boolean isAvailable() {
        if ("embedded".equals(System.getProperty("ticketing.test.infra"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static SharedInfrastructure start() {
        log.info("Docker engine found: starting MySQL 8.0.31 and Redis 6.2 with Testcontainers");
        MySQLContainer<?> mysql = new MySQLContainer<>(DockerImageName.parse("mysql:8.0.31"))
                .withUsername("root")
                .withPassword("test")
                .withUrlParam("createDatabaseIfNotExist", "true");
        mysql.start();
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:6.2")).withExposedPorts(6379);
        redis.start();
        return new SharedInfrastructure(
                mysql.getHost(), mysql.getMappedPort(3306), "root", "test", redis.getHost(), redis.getMappedPort(6379));
    }

    private DockerInfrastructure() {}
}
