package com.wuhou.ticketing.platform.idempotency;

import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.ErrorCode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creates "things" the way a service creates orders; records each run of the action per key. */
@RestController
@RequestMapping("/things")
class ThingController {

    static final ErrorCode THING_SOLD_OUT = new ErrorCode("THING_SOLD_OUT", HttpStatus.CONFLICT, "Sold out");
    static final String NO_KEY = "(none)";

    private final IdempotentRequests idempotent;

    /** The reserved ids each key's action ran with, in order. */
    final Map<String, List<String>> runs = new ConcurrentHashMap<>();

    /** The first run of a key on /slow counts this down, then waits for {@link #slowRelease}. */
    volatile CountDownLatch slowStarted = new CountDownLatch(1);

    volatile CountDownLatch slowRelease = new CountDownLatch(1);

    /** Per key of /kept: whether each run was fresh, and the record's state right after its commit. */
    final Map<String, List<Boolean>> fresh = new ConcurrentHashMap<>();

    final Map<String, String> stateAfterCommit = new ConcurrentHashMap<>();

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    ThingController(IdempotentRequests idempotent, TransactionTemplate transactions, JdbcTemplate jdbc) {
        this.idempotent = idempotent;
        this.transactions = transactions;
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS thing (id VARCHAR(32) PRIMARY KEY, name VARCHAR(64) NOT NULL)");
    }

    record ThingRequest(String name, int quantity) {}

    record Thing(String id, String name, int quantity) {}

    @PostMapping
    ResponseEntity<?> create(
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody ThingRequest request) {
        return idempotent.execute("POST /things", key, request, id -> {
            ran(key, id);
            return created(id, request);
        });
    }

    @PostMapping("/sold-out")
    ResponseEntity<?> soldOut(
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody ThingRequest request) {
        return idempotent.execute("POST /things/sold-out", key, request, id -> {
            ran(key, id);
            throw new ApiException(THING_SOLD_OUT, "No " + request.name() + " left", Map.of("remaining", 0));
        });
    }

    /** Out of stock on the first run of a key (a refusal for the moment only), in stock afterwards. */
    @PostMapping("/restocked")
    ResponseEntity<?> restocked(
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody ThingRequest request) {
        return idempotent.execute("POST /things/restocked", key, request, id -> {
            if (ran(key, id) == 1) {
                throw new ApiException(THING_SOLD_OUT, "No " + request.name() + " left right now") {
                    @Override
                    public boolean momentary() {
                        return true;
                    }
                };
            }
            return created(id, request);
        });
    }

    /** Fails on the first run of a key, as a database hiccup would, and works afterwards. */
    @PostMapping("/flaky")
    ResponseEntity<?> flaky(
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody ThingRequest request) {
        return idempotent.execute("POST /things/flaky", key, request, id -> {
            if (ran(key, id) == 1) {
                throw new IllegalStateException("connection reset");
            }
            return created(id, request);
        });
    }

    /** The first run of a key waits for the test to let it finish; later runs do not wait. */
    @PostMapping("/slow")
    ResponseEntity<?> slow(
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody ThingRequest request) {
        return idempotent.execute("POST /things/slow", key, request, id -> {
            if (ran(key, id) == 1) {
                slowStarted.countDown();
                awaitRelease();
            }
            return created(id, request);
        });
    }

    /**
     * Writes a thing row and its answer in one local transaction. The first run of a key whose name is
     * "lost" fails inside that transaction after the answer was written, as a failed commit would.
     */
    @PostMapping("/kept")
    ResponseEntity<?> kept(
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody ThingRequest request) {
        return idempotent.attempt("POST /things/kept", key, request, attempt -> {
            int run = ran(key, attempt.reservedId());
            fresh.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(attempt.fresh());
            ResponseEntity<Thing> answer = created(attempt.reservedId(), request);
            transactions.executeWithoutResult(tx -> {
                jdbc.update("INSERT INTO thing (id, name) VALUES (?, ?)", attempt.reservedId(), request.name());
                attempt.answerInTransaction(tx, answer);
                if (run == 1 && request.name().equals("lost")) {
                    throw new IllegalStateException("commit lost");
                }
            });
            stateAfterCommit.put(
                    key,
                    jdbc.queryForObject(
                            "SELECT state FROM idempotency_record WHERE scope = 'POST /things/kept' AND idem_key = ?",
                            String.class,
                            key));
            return answer;
        });
    }

    private void awaitRelease() {
        try {
            if (!slowRelease.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the slow request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int ran(String key, String reservedId) {
        List<String> ids = runs.computeIfAbsent(key == null ? NO_KEY : key, k -> new CopyOnWriteArrayList<>());
        ids.add(reservedId);
        return ids.size();
    }

    private static ResponseEntity<Thing> created(String id, ThingRequest request) {
        return ResponseEntity.created(URI.create("/things/" + id))
                .body(new Thing(id, request.name(), request.quantity()));
    }
}
