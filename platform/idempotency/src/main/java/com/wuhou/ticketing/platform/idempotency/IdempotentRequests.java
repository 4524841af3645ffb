package com.wuhou.ticketing.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.wuhou.ticketing.platform.idempotency.IdempotencyRecords.StoredAnswer;
import com.wuhou.ticketing.platform.idempotency.IdempotencyRecords.StoredRecord;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Runs creating requests at most once per {@code Idempotency-Key} and replays the first answer.
 *
 * <p>The contract (docs): the same key with the same body returns the first answer (same status and
 * body, plus {@value #REPLAYED_HEADER}{@code : true}); the same key with a different body is
 * {@code 422 IDEMPOTENCY_KEY_REUSED}; a key whose first request is still running is
 * {@code 409 IDEMPOTENCY_IN_PROGRESS}.
 *
 * <p>Call {@link #execute} or {@link #attempt} outside any transaction (typically from the controller):
 * the claim on the key is written in its own short local transaction and must not join the caller's
 * local or Seata global transaction, whose rollback would otherwise erase it. The action then starts
 * its own transaction ({@code @Transactional} or {@code @GlobalTransactional} service method). The
 * answer is stored after the action, in a statement of its own, unless the action stored it in its own
 * local transaction with {@link Attempt#answerInTransaction}.
 */
public class IdempotentRequests {

    /** Header set on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** The request header this class is about, named in validation errors. */
    public static final String KEY_HEADER = "Idempotency-Key";

    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_SCOPE_LENGTH = 100;

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final boolean SERVLET_PRESENT =
            ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", IdempotentRequests.class.getClassLoader());
    private static final int RESERVED_ID_LENGTH = 26;
    // A record may vanish between our failed insert and our read (its request failed); try again.
    private static final int CLAIM_ATTEMPTS = 3;

    private final IdempotencyRecords records;
    private final ObjectMapper objectMapper;
    private final ObjectMapper canonicalMapper;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    IdempotentRequests(
            IdempotencyRecords records, ObjectMapper objectMapper, IdempotencyProperties properties, Clock clock) {
        this.records = records;
        this.objectMapper = objectMapper;
        // The app's settings (naming, inclusion, modules) with every object's properties in key order.
        this.canonicalMapper = objectMapper
                .copy()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs {@code action} at most once per ({@code scope}, {@code key}) and replays its first answer.
     *
     * @param scope the operation, chosen by the caller, for example {@code "POST /api/v1/orders"}
     *     (printable ASCII, at most 100 characters)
     * @param key the {@code Idempotency-Key} header value; {@code null} runs the action with a fresh
     *     reserved id and keeps no record
     * @param requestBody the deserialized request; it is compared by the SHA-256 of its JSON form with
     *     properties in key order, so field order and whitespace do not matter
     * @param action the work, given a reserved id: a random id (26 lowercase base-32 characters) stored
     *     with the record. A request that takes over an abandoned first request (still in progress after
     *     {@code ticketing.idempotency.in-progress-timeout}) gets the same id, so the action can use it as
     *     the id of what it creates and find work the first request already did.
     * @return the action's answer unchanged, or the replayed first answer
     * @throws ApiException {@code VALIDATION_FAILED} for a malformed key, {@code IDEMPOTENCY_KEY_REUSED},
     *     {@code IDEMPOTENCY_IN_PROGRESS}, or what the action threw (a 4xx {@link ApiException} is
     *     remembered and replayed unless it is {@link ApiException#momentary()}; after anything else the
     *     key's retry runs again, with the same reserved id)
     */
    public ResponseEntity<?> execute(
            String scope, String key, Object requestBody, Function<String, ResponseEntity<?>> action) {
        return attempt(scope, key, requestBody, attempt -> action.apply(attempt.reservedId()));
    }

    /**
     * As {@link #execute}, but the action gets its {@link Attempt}: whether the key was claimed just now
     * (nothing can exist under a fresh reserved id, so the action need not look for earlier work), and
     * a way to store the answer in the action's own local transaction, so the work and its answer
     * commit together (one commit fewer, and no moment where the work stands without its answer).
     */
    public ResponseEntity<?> attempt(
            String scope, String key, Object requestBody, Function<Attempt, ResponseEntity<?>> action) {
        requireScope(scope);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("IdempotentRequests must be called outside any transaction");
        }
        if (key == null) {
            return action.apply(new Attempt(scope, null, newReservedId(), true));
        }
        requireValidKey(key);
        String requestHash = hash(requestBody);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Instant now = now();
            String reservedId = newReservedId();
            if (records.insert(scope, key, requestHash, reservedId, now)) {
                return run(new Attempt(scope, key, reservedId, true), now, action);
            }
            Optional<StoredRecord> existing = records.find(scope, key);
            if (existing.isEmpty()) {
                continue;
            }
            StoredRecord record = existing.get();
            if (!record.requestHash().equals(requestHash)) {
                throw new ApiException(
                        IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request; use a new key for a new request");
            }
            if (record.done()) {
                return replay(record);
            }
            if (record.updatedAt().plus(properties.inProgressTimeout()).isAfter(now)) {
                throw inProgress();
            }
            // The first request is presumed dead: resume its work under the same reserved id.
            if (!records.takeOver(scope, key, record.updatedAt(), now)) {
                throw inProgress();
            }
            log.info("Taking over abandoned request {} key {} (reserved id {})", scope, key, record.reservedId());
            return run(new Attempt(scope, key, record.reservedId(), false), now, action);
        }
        throw inProgress();
    }

    private ResponseEntity<?> run(Attempt attempt, Instant claimedAt, Function<Attempt, ResponseEntity<?>> action) {
        String scope = attempt.scope;
        String key = attempt.key;
        ResponseEntity<?> response;
        try {
            response = action.apply(attempt);
        } catch (ApiException e) {
            if (attempt.answered) {
                throw e; // its answer committed with its work; what failed afterwards changes nothing kept
            }
            if (e.errorCode().status().is4xxClientError() && !e.momentary()) {
                // A rejection is an answer: the same request would be rejected the same way.
                complete(scope, key, () -> rejectionOf(e));
            } else {
                release(scope, key, claimedAt, e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            if (!attempt.answered) {
                release(scope, key, claimedAt, e);
            }
            throw e;
        }
        if (response == null) {
            IllegalStateException e =
                    new IllegalStateException("The idempotent action for " + scope + " answered null");
            release(scope, key, claimedAt, e);
            throw e;
        }
        if (!attempt.answered) {
            complete(scope, key, () -> answerOf(response));
        }
        return response;
    }

    /** One run of an idempotent action under its key. */
    public final class Attempt {

        private final String scope;
        private final String key;
        private final String reservedId;
        private final boolean fresh;
        // Set, on this request's thread, once the transaction that stored the answer has committed.
        private boolean answered;

        private Attempt(String scope, String key, String reservedId, boolean fresh) {
            this.scope = scope;
            this.key = key;
            this.reservedId = reservedId;
            this.fresh = fresh;
        }

        /** The id kept for this key: the same for a retry that takes over an abandoned first request. */
        public String reservedId() {
            return reservedId;
        }

        /**
         * True when this request claimed the key just now, with a new reserved id: nothing was made
         * under it before. False when it took over an abandoned first request, which may have done part
         * of the work.
         */
        public boolean fresh() {
            return fresh;
        }

        /**
         * Stores {@code answer} as the key's first answer in the action's own local transaction, so it
         * commits or rolls back with the work. Once that transaction commits the answer is not stored
         * again; if it rolls back, the action's outcome is kept as {@link #execute} describes. Without a
         * key there is nothing to store.
         *
         * @param transaction the action's transaction: a new one, not a savepoint inside another (its
         *     commit must be the answer's). Not for a branch of a Seata global transaction: it could still
         *     roll back after its local commit, and the key would then wait for the in-progress timeout
         * @throws IllegalStateException when {@code transaction} is not such a transaction
         * @throws ApiException {@code IDEMPOTENCY_IN_PROGRESS} when another request under the key (one
         *     that took this one over) answered first: the work must not commit beside that answer
         */
        public void answerInTransaction(TransactionStatus transaction, ResponseEntity<?> answer) {
            if (!transaction.isNewTransaction()
                    || transaction.hasSavepoint()
                    || transaction.isCompleted()
                    || !TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new IllegalStateException("answerInTransaction needs the action's own new local transaction");
            }
            if (key == null) {
                return;
            }
            if (!records.complete(scope, key, answerOf(answer), now())) {
                throw inProgress();
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    answered = true;
                }
            });
        }
    }

    /**
     * Stores the first answer. If that fails the record stays in progress: a retry then waits for the
     * timeout and takes over with the same reserved id, which is safer than running the work twice.
     */
    private void complete(String scope, String key, Supplier<StoredAnswer> answer) {
        try {
            if (!records.complete(scope, key, answer.get(), now())) {
                log.warn("Idempotency record {} key {} was no longer in progress; kept its answer", scope, key);
            }
        } catch (DataAccessException | IllegalArgumentException e) {
            log.warn("Could not store the answer for {} key {}: {}", scope, key, e.toString());
        }
    }

    private void release(String scope, String key, Instant claimedAt, Throwable cause) {
        try {
            records.release(scope, key, claimedAt);
        } catch (DataAccessException e) {
            // The key stays claimed until the in-progress timeout; then a retry takes over.
            cause.addSuppressed(e);
        }
    }

    /** The problem document exactly as {@code ProblemExceptionHandler} renders the exception. */
    private StoredAnswer rejectionOf(ApiException e) {
        ProblemDetail problem = Problems.with(Problems.of(e.errorCode(), e.getMessage()), e.properties());
        // Spring MVC adds the request path as "instance" when it writes a problem document.
        problem.setInstance(currentRequestPath());
        return new StoredAnswer(problem.getStatus(), Problems.MEDIA_TYPE.toString(), json(problem));
    }

    private StoredAnswer answerOf(ResponseEntity<?> response) {
        Object body = response.getBody();
        if (body == null) {
            return new StoredAnswer(response.getStatusCode().value(), null, null);
        }
        // A String is written verbatim by Spring (StringHttpMessageConverter); anything else as JSON.
        String text = body instanceof String s ? s : json(body);
        MediaType contentType = response.getHeaders().getContentType();
        if (contentType == null) {
            contentType = body instanceof String ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON;
        }
        return new StoredAnswer(response.getStatusCode().value(), contentType.toString(), text);
    }

    /** The stored bytes as they are: a byte[] body is written verbatim, never re-encoded as JSON. */
    private static ResponseEntity<byte[]> replay(StoredRecord record) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(record.responseStatus()).header(REPLAYED_HEADER, "true");
        if (record.responseContentType() != null) {
            answer.contentType(MediaType.parseMediaType(record.responseContentType()));
        }
        return record.responseBody() == null
                ? answer.build()
                : answer.body(record.responseBody().getBytes(StandardCharsets.UTF_8));
    }

    private static URI currentRequestPath() {
        if (SERVLET_PRESENT
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            return URI.create(servlet.getRequest().getRequestURI());
        }
        return null;
    }

    String hash(Object requestBody) {
        try {
            byte[] canonical = canonicalMapper.writeValueAsBytes(canonicalMapper.valueToTree(requestBody));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot serialize the request body to compare it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** 128 random bits as 26 lowercase base-32 digits (0-9, a-v). */
    private String newReservedId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String digits = new BigInteger(1, bytes).toString(32);
        return "0".repeat(RESERVED_ID_LENGTH - digits.length()) + digits;
    }

    // The column keeps milliseconds; compare with what it keeps.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException inProgress() {
        return new ApiException(
                IdempotencyErrorCode.IDEMPOTENCY_IN_PROGRESS,
                "The first request with this Idempotency-Key is still running; retry shortly to get its answer");
    }

    private static void requireScope(String scope) {
        if (scope == null || scope.isEmpty() || scope.length() > MAX_SCOPE_LENGTH || !isPrintableAscii(scope)) {
            throw new IllegalArgumentException("scope must be 1 to 100 printable ASCII characters: " + scope);
        }
    }

    private static void requireValidKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !isPrintableAscii(key)) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "The Idempotency-Key header is not valid",
                    Map.of(
                            Problems.ERRORS,
                            List.of(new Problems.FieldError(
                                    KEY_HEADER, "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters"))));
        }
    }

    private static boolean isPrintableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
