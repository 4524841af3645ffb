package com.wuhou.ticketing.platform.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.wuhou.ticketing.platform.access.Access;
import com.wuhou.ticketing.platform.access.Caller;
import com.wuhou.ticketing.platform.operatortoken.OperatorTokens;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import com.wuhou.ticketing.platform.signedrequest.SignatureException;
import com.wuhou.ticketing.platform.signedrequest.SignatureVerifier;
import com.wuhou.ticketing.platform.signedrequest.SignedRequests;
import com.wuhou.ticketing.platform.signedrequest.SigningKey;
import com.wuhou.ticketing.platform.signedrequest.SigningKeyLookup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Defence in depth: the service checks every protected request itself, with the same rule the
 * gateway applies ({@link Access}) on the path exactly as it arrived. A request that reaches the
 * service some other way than through the gateway, or that the gateway let through by mistake, still
 * needs a valid operator token or a valid signature of a key this service knows. The verified caller
 * is kept in the request attribute {@link Caller#ATTRIBUTE}; no header a caller sends names anyone.
 * Nonces are the gateway's to remember: a service checks the signature and the time window.
 */
class CallerFilter extends OncePerRequestFilter {

    private static final String CHALLENGE = "Bearer realm=\"wuhou-ticketing\"";

    private final PublicKey operatorKey;
    private final SigningKeyLookup signingKeys;
    private final SignatureVerifier verifier;
    private final int maxSignedBody;
    private final ObjectMapper json;
    private final Clock clock;

    /** @param signingKeys the service's signing keys, or {@code null} when it issues none */
    CallerFilter(AccessProperties properties, SigningKeyLookup signingKeys, ObjectMapper json, Clock clock) {
        String encoded = properties.operatorTokenPublicKey();
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalStateException("ticketing.access.operator-token-public-key (environment"
                    + " OPERATOR_TOKEN_PUBLIC_KEY) must hold the Base64 X.509 Ed25519 key that verifies"
                    + " operator tokens: every service checks them itself");
        }
        this.operatorKey = OperatorTokens.publicKey(encoded);
        this.signingKeys = signingKeys;
        this.verifier = new SignatureVerifier(properties.signatureWindow(), clock);
        this.maxSignedBody = (int) properties.maxSignedBody().toBytes();
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Access.Decision decision = Access.decide(request.getMethod(), request.getRequestURI());
        if (!decision.canonical()) {
            if (decision.refusedAsUnauthenticated()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
                refuse(response, CommonErrorCode.UNAUTHORIZED, "Protected paths are accepted only in canonical form");
            } else {
                refuse(response, CommonErrorCode.PATH_NOT_CANONICAL, "Send the path in canonical form");
            }
            return;
        }
        if (decision.needs() == Access.Needs.OPERATOR_TOKEN) {
            operator(request, response, chain);
        } else if (decision.needs() == Access.Needs.DEVICE_SIGNATURE) {
            signed(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void operator(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            refuse(response, CommonErrorCode.UNAUTHORIZED, "An operator token is required (Authorization: Bearer …)");
            return;
        }
        OperatorTokens.Claims claims;
        try {
            claims = OperatorTokens.verify(
                    operatorKey, authorization.substring("Bearer ".length()).strip(), clock);
        } catch (OperatorTokens.InvalidTokenException e) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            refuse(response, CommonErrorCode.UNAUTHORIZED, "The operator token is not valid: " + e.getMessage());
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, Caller.operator(claims.subject(), claims.roles()));
        chain.doFilter(request, response);
    }

    private void signed(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(maxSignedBody + 1);
        if (body.length > maxSignedBody) {
            refuse(
                    response,
                    CommonErrorCode.PAYLOAD_TOO_LARGE,
                    "A signed request may carry at most " + maxSignedBody + " bytes");
            return;
        }
        String query = request.getQueryString();
        String pathWithQuery = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        SigningKey key;
        try {
            SignatureVerifier.Presented presented = verifier.parse(request::getHeader);
            key = signingKeys == null
                    ? null
                    : signingKeys.find(presented.keyId()).orElse(null);
            verifier.verify(presented, request.getMethod(), pathWithQuery, SignedRequests.bodyHash(body), key);
        } catch (SignatureException e) {
            refuse(
                    response,
                    new ErrorCode(e.failure().name(), HttpStatus.UNAUTHORIZED, "The request signature is not valid"),
                    e.getMessage());
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, Caller.signer(key.principal()));
        chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.status().value());
        response.setContentType(Problems.MEDIA_TYPE.toString());
        json.writeValue(response.getOutputStream(), Problems.of(code, detail));
    }

    /** The request with its body, already read to be checked, given again to whoever reads it next. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
