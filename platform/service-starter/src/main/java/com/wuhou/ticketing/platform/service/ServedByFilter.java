package com.wuhou.ticketing.platform.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the answering service in {@code X-Served-By}. On in local and test runs, where it shows
 * which service a gateway route reached; off in production, where it would only help an attacker.
 */
class ServedByFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Served-By";

    private final String serviceName;

    ServedByFilter(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, serviceName);
        chain.doFilter(request, response);
    }
}
