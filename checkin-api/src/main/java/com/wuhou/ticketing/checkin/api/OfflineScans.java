package com.wuhou.ticketing.checkin.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What a gate let through while it was offline, uploaded when it is back
 * ({@code POST /checkin/v1/offline-scans}). Each scan carries an id the gate made, so an upload can be
 * repeated safely: a scan already received is answered {@link #DUPLICATE}. A scan whose ticket was
 * admitted elsewhere (online or by another offline gate), refunded or unknown is a {@link #CONFLICT}:
 * it is kept and counted, never dropped.
 */
public final class OfflineScans {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String CONFLICT = "conflict";

    private OfflineScans() {}

    /** Request body: at most 1,000 scans. */
    public record Upload(@NotEmpty @Size(max = 1000) List<@Valid @NotNull Scan> scans) {}

    /** One scan the gate admitted offline, in the order it happened. */
    public record Scan(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+")
            String scanId,

            @NotBlank @Size(max = 40) String ticketId,
            @NotBlank @Size(max = 64) String gate,
            @NotNull @Pattern(regexp = "IN|OUT") String direction,
            @NotNull Instant scannedAt) {}

    /** The answer: one outcome per scan, in the order sent, and the totals. */
    public record Result(int accepted, int duplicates, int conflicts, List<Outcome> outcomes) {}

    /**
     * @param reason for a conflict: {@code ALREADY_USED}, {@code REFUNDED}, {@code UNKNOWN} or
     *     {@code NOT_TODAY}; for a duplicate, what the first upload was answered
     */
    public record Outcome(String scanId, String ticketId, String outcome, String reason) {}
}
