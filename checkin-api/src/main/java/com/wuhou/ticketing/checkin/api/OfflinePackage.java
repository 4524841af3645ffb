package com.wuhou.ticketing.checkin.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * What a gate needs to keep admitting when it cannot reach the platform: a day's tickets
 * ({@code GET /checkin/v1/offline-package?date=&since=}). Without {@code since} it is the whole day
 * (valid tickets only); with the {@code cursor} of an earlier package it is what changed since, refunds
 * included, to be applied by ticket id. The response body is signed for the device that asked: header
 * {@link #SIGNATURE_HEADER} is Base64(HMAC-SHA256(device secret, exact body bytes)).
 *
 * @param cursor pass as {@code since} to get the next delta (opaque; epoch milliseconds today)
 * @param idKey Base64 key of the day for ID numbers: a ticket's {@code idHash} is
 *     hex(HMAC-SHA256(idKey, type + ":" + number)) with type {@code ID_CARD} or {@code PASSPORT}, so a
 *     gate can match a typed number without the package holding any number
 * @param ticketPublicKeys the keys QR credentials are signed with: key id to Base64 X.509 Ed25519
 * @param entryGraceMinutes how long before and after its session a ticket is let in
 */
public record OfflinePackage(
        LocalDate date,
        long cursor,
        boolean delta,
        String idKey,
        Map<String, String> ticketPublicKeys,
        int entryGraceMinutes,
        List<Ticket> tickets) {

    public static final String SIGNATURE_HEADER = "X-Package-Signature";
    public static final String VALID = "VALID";
    public static final String REFUNDED = "REFUNDED";

    /**
     * One ticket of the day.
     *
     * @param status {@link #VALID} or {@link #REFUNDED} (only deltas carry refunded tickets)
     * @param entries how many more times it may enter that day, as the platform knew when the package
     *     was made (a gate subtracts the entries it admitted itself since)
     * @param idHash the visitor's document, hashed with the package's {@code idKey}; null when unknown
     */
    public record Ticket(
            String ticketId,
            String ticketType,
            LocalTime sessionStart,
            LocalTime sessionEnd,
            String visitorName,
            String idHash,
            int entries,
            String status) {}
}
