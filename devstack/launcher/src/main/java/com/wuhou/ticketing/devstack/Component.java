package com.wuhou.ticketing.devstack;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One process of the devstack: infrastructure or one of the services.
 *
 * @param module the service module it runs (its jar and its name in Nacos); the process name for
 *     infrastructure
 * @param extra a second instance of a service: started only by {@code start NAME}, never by {@code up}
 */
record Component(
        String name, Kind kind, int port, List<Integer> otherPorts, String schema, String module, boolean extra) {

    Component(String name, Kind kind, int port, List<Integer> otherPorts, String schema) {
        this(name, kind, port, otherPorts, schema, name, false);
    }

    enum Kind {
        MYSQL,
        REDIS,
        NACOS,
        SEATA,
        SERVICE
    }

    static final int MYSQL_PORT = 13306;
    static final int REDIS_PORT = 16379;
    static final int NACOS_PORT = 8848;
    static final int NACOS_CONSOLE_PORT = 18080;
    static final int SEATA_PORT = 8091;
    // The gateway's actuator, off its public port (MANAGEMENT_SERVER_PORT); other services keep it on theirs.
    static final int GATEWAY_MANAGEMENT_PORT = 8081;

    /** Start order of the infrastructure matters only for speed: Nacos is the slowest. */
    static final List<Component> INFRA = List.of(
            new Component("nacos", Kind.NACOS, NACOS_PORT, List.of(9848, 9849, 7848, NACOS_CONSOLE_PORT), null),
            new Component("mysql", Kind.MYSQL, MYSQL_PORT, List.of(), null),
            new Component("redis", Kind.REDIS, REDIS_PORT, List.of(), null),
            new Component("seata", Kind.SEATA, SEATA_PORT, List.of(7091), null));

    static final List<Component> SERVICES = List.of(
            new Component("gateway-service", Kind.SERVICE, 8080, List.of(GATEWAY_MANAGEMENT_PORT), null),
            service("order-service", 8101, "order_db"),
            service("inventory-service", 8102, "inventory_db"),
            service("checkin-service", 8103, "checkin_db"),
            service("channel-service", 8104, "channel_db"),
            service("report-service", 8105, "report_db"),
            service("mobile-decision-service", 8106, "decision_db"));

    /** Second instances, for failover tests: {@code ./dev start inventory-service-2}. */
    static final List<Component> EXTRAS = List.of(new Component(
            "inventory-service-2", Kind.SERVICE, 8112, List.of(), "inventory_db", "inventory-service", true));

    /** Everything, in the order {@code status} lists it and the reverse of how {@code down} stops it. */
    static final List<Component> ALL = Stream.of(
                    Stream.of(INFRA.get(1), INFRA.get(2), INFRA.get(0), INFRA.get(3)),
                    SERVICES.stream(),
                    EXTRAS.stream())
            .flatMap(s -> s)
            .toList();

    private static Component service(String name, int port, String schema) {
        return new Component(name, Kind.SERVICE, port, List.of(), schema);
    }

    static Optional<Component> named(String name) {
        return ALL.stream().filter(c -> c.name.equals(name)).findFirst();
    }

    static List<String> schemas() {
        return SERVICES.stream().map(Component::schema).filter(s -> s != null).toList();
    }

    boolean isService() {
        return kind == Kind.SERVICE;
    }

    /** Where the service answers {@code /actuator}: health, metrics. */
    int managementPort() {
        return module.equals("gateway-service") ? GATEWAY_MANAGEMENT_PORT : port;
    }

    List<Integer> ports() {
        return Stream.concat(Stream.of(port), otherPorts.stream()).toList();
    }
}
