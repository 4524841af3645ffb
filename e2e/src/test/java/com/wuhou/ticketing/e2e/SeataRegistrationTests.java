package com.wuhou.ticketing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every business service joins the Seata coordinator as transaction manager and as resource manager
 * of its own schema, in its own transaction group (read from the coordinator's log).
 */
class SeataRegistrationTests {

    @Test
    void shouldRegisterEveryServiceWithCoordinatorInItsOwnGroupWhenPlatformIsUp() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    String coordinatorLog = Platform.log("seata");
                    for (String service : Platform.SERVICES) {
                        String group = "transactionServiceGroup='" + service + "-tx-group'";
                        assertThat(coordinatorLog)
                                .as("%s registered as transaction manager", service)
                                .containsPattern("TM register success.*applicationId='" + service + "', " + group);
                        assertThat(coordinatorLog)
                                .as("%s registered its schema as resource", service)
                                .containsPattern("RM register success.*resourceIds='jdbc:mysql://[^']*/[a-z_]+_db', "
                                        + "version='[^']*', applicationId='" + service + "', " + group);
                    }
                });
    }
}
