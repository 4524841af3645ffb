package com.wuhou.ticketing.platform.testsupport;

import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Operator tokens for tests: one key pair per test JVM, whose public half every
 * {@link RealInfrastructure} service verifies with, so a test calls operator endpoints as a
 * signed-in operator would.
 */
public final class TestOperators {

    private static final KeyPair KEYS = OperatorTokens.generateKeyPair();

    private TestOperators() {}

    /** The {@code Authorization} header value of a signed-in operator with these roles. */
    public static String bearer(String username, String... roles) {
        return "Bearer "
                + OperatorTokens.issue(
                        KEYS.getPrivate(), username, List.of(roles), Duration.ofMinutes(10), Clock.systemUTC());
    }

    /**
     * Makes every request {@code http} sends carry a fresh token of this operator (once per template,
     * however often it is called).
     */
    public static TestRestTemplate signIn(TestRestTemplate http, String username, String... roles) {
        List<ClientHttpRequestInterceptor> interceptors = http.getRestTemplate().getInterceptors();
        interceptors.removeIf(SignedIn.class::isInstance);
        interceptors.add(new SignedIn(username, roles));
        return http;
    }

    private record SignedIn(String username, String[] roles) implements ClientHttpRequestInterceptor {

        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
                throws IOException {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, bearer(username, roles));
            return execution.execute(request, body);
        }
    }

    /** Base64 of the public key the services under test verify with. */
    public static String publicKey() {
        return OperatorTokens.encode(KEYS.getPublic());
    }
}
