package com.wuhou.ticketing.platform.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdTests {

    @Test
    void shouldKeepCallersIdWhenItIsSafe() {
        assertThat(RequestId.acceptOrCreate("abc-123_X.y:z")).isEqualTo("abc-123_X.y:z");
    }

    @Test
    void shouldReplaceIdWhenItCouldInjectIntoLogs() {
        String replaced = RequestId.acceptOrCreate("evil\nINFO forged line");
        assertThat(replaced).doesNotContain("\n").hasSize(36);
        assertThat(RequestId.acceptOrCreate("x".repeat(65))).hasSize(36);
        assertThat(RequestId.acceptOrCreate(null)).hasSize(36);
    }

    @Test
    void shouldEchoIdInResponseAndLoggingContextWhenRequestPassesFilter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
        request.addHeader(RequestId.HEADER, "req-42");
        MockHttpServletResponse response = new MockHttpServletResponse();
        String[] seenInChain = new String[1];

        new RequestIdFilter().doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                seenInChain[0] = org.slf4j.MDC.get(RequestId.MDC_KEY);
            }
        });

        assertThat(response.getHeader(RequestId.HEADER)).isEqualTo("req-42");
        assertThat(seenInChain[0]).isEqualTo("req-42");
        assertThat(org.slf4j.MDC.get(RequestId.MDC_KEY)).isNull();
    }
}
