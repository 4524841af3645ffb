package com.wuhou.ticketing.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Which address a request's bucket belongs to, for each number of trusted proxies in front. */
class ClientIpRateLimitFilterTests {

    @ParameterizedTest(name = "{0} trusted, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // No proxy: whatever the client writes is ignored.
                "0 | 203.0.113.7                            | 10.0.0.5",
                // The ingress appends the address it saw.
                "1 | 203.0.113.7                            | 203.0.113.7",
                "1 | 198.51.100.1, 203.0.113.7              | 203.0.113.7",
                // A cloud load balancer, then the ingress (which appends the balancer's address).
                "2 | 198.51.100.1, 203.0.113.7, 10.1.0.9    | 203.0.113.7",
                "2 | 203.0.113.7, 10.1.0.9                  | 203.0.113.7",
                // Not through the proxies at all: the peer.
                "1 |                                        | 10.0.0.5",
            })
    void shouldKeyOnTheAddressTheOutermostTrustedProxySaw(int trustedProxies, String forwardedFor, String client) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.get("/api/v1/orders").remoteAddress(new InetSocketAddress("10.0.0.5", 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }

        InetSocketAddress resolved = ClientIpRateLimitFilter.clientAddressResolver(trustedProxies)
                .resolve(MockServerWebExchange.from(request));

        assertThat(resolved.getAddress().getHostAddress()).isEqualTo(client);
    }
}
