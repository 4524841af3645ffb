package com.wuhou.ticketing.platform.audit;

import com.wuhou.ticketing.platform.access.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;

/** A tiny web application whose operators rename things, to test the trail through real HTTP. */
@SpringBootApplication
class AuditTestApplication {

    /** Names the verified operator in this test application, standing in for service-starter's CallerFilter. */
    static final String TEST_OPERATOR = "X-Test-Operator";

    @Bean
    OncePerRequestFilter testCaller() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String operator = request.getHeader(TEST_OPERATOR);
                if (operator != null) {
                    request.setAttribute(Caller.ATTRIBUTE, Caller.operator(operator, List.of("ADMIN")));
                }
                chain.doFilter(request, response);
            }
        };
    }

    record Thing(String name, int quantity) {}

    @RestController
    static class ThingController {

        private final AuditTrail trail;
        private final Map<String, Thing> things = new ConcurrentHashMap<>();

        ThingController(AuditTrail trail) {
            this.trail = trail;
        }

        /** Stores the thing and records the change; {@code fail=true} fails after recording. */
        @PutMapping("/things/{id}")
        @Transactional
        public Thing put(
                @PathVariable String id, @RequestBody Thing thing, @RequestParam(defaultValue = "false") boolean fail) {
            Thing before = things.get(id);
            trail.record(before == null ? "thing.create" : "thing.change", "thing/" + id, before, thing);
            if (fail) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "failed after recording");
            }
            things.put(id, thing);
            return thing;
        }
    }
}
