package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.checkin.api.AdmissionRule;
import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import com.wuhou.ticketing.order.api.Museum;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides a group of online scans in one transaction. It locks every pass the group names ({@link
 * Redemptions#lock}, one statement in ticket order), reads their entries of the day and who is inside,
 * then applies the {@link AdmissionRule} to each scan in arrival order against that state, including
 * the group's earlier scans: two gates with one ticket in a group give one {@code ACCEPTED}. The
 * redemptions, their events and every scan with its answer are then written with one multi-row insert
 * each, so a group costs about the statements of one scan.
 */
@Component
class Admissions {

    private final Redemptions redemptions;
    private final ScanLog scans;
    private final Duration grace;
    private final Clock clock;

    Admissions(Redemptions redemptions, ScanLog scans, CheckinProperties properties, Clock clock) {
        this.redemptions = redemptions;
        this.scans = scans;
        this.grace = properties.entryGrace();
        this.clock = clock;
    }

    /** The answers, in the order of {@code group}, with everything they need written (not committed yet). */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Verification> decide(List<Admission> group) {
        Instant at = clock.instant();
        LocalDateTime now = LocalDateTime.ofInstant(at, Museum.ZONE);
        LocalDate day = now.toLocalDate();
        List<String> ids = group.stream()
                .flatMap(a -> a.candidates().stream())
                .map(TicketPass::ticketId)
                .distinct()
                .sorted()
                .toList();
        Map<String, String> status = redemptions.lock(ids);
        Map<String, Set<Integer>> taken = redemptions.entriesTaken(ids, day);
        // Only an OUT asks who is inside; the group's INs and OUTs update the tally as they are decided.
        boolean outs =
                group.stream().anyMatch(a -> !a.scan().isIn() && !a.candidates().isEmpty());
        Map<String, Map<String, Integer>> inside = outs ? redemptions.inside(ids, day) : new HashMap<>();

        List<Verification> answers = new ArrayList<>(group.size());
        List<Redemptions.Entry> entries = new ArrayList<>();
        List<ScanLog.Entry> records = new ArrayList<>(group.size());
        for (Admission admission : group) {
            Verification answer = admission.unmatched();
            Verification firstRefusal = null;
            for (TicketPass pass : admission.candidates()) {
                Verification.Ticket ticket = new Verification.Ticket(
                        pass.ticketId(), pass.ticketType(), pass.startTime(), pass.endTime(), pass.visitorName());
                Set<Integer> used = taken.computeIfAbsent(pass.ticketId(), k -> new HashSet<>());
                Map<String, Integer> here = inside.computeIfAbsent(pass.ticketId(), k -> new HashMap<>());
                String area = admission.device().area();
                boolean in = admission.scan().isIn();
                Optional<Verification.Reason> refusal = AdmissionRule.refusal(
                        new AdmissionRule.Ticket(
                                status.getOrDefault(pass.ticketId(), pass.status()),
                                pass.visitDate(),
                                pass.startTime(),
                                pass.endTime(),
                                pass.entries()),
                        in,
                        now,
                        grace,
                        new AdmissionRule.History(used.size(), in ? null : here.getOrDefault(area, 0)));
                if (refusal.isEmpty() && in) {
                    OptionalInt entry = Redemptions.nextEntry(used, pass.entries());
                    if (entry.isPresent()) {
                        used.add(entry.getAsInt());
                        entries.add(new Redemptions.Entry(
                                pass,
                                day,
                                entry.getAsInt(),
                                admission.device(),
                                admission.scan().gate(),
                                at,
                                false));
                    } else {
                        refusal = Optional.of(Verification.Reason.ALREADY_USED);
                    }
                }
                if (refusal.isEmpty()) {
                    here.merge(area, in ? 1 : -1, Integer::sum);
                    answer = Verification.accepted(ticket);
                    firstRefusal = null;
                    break;
                }
                if (firstRefusal == null) {
                    firstRefusal = Verification.rejected(refusal.get(), ticket);
                }
            }
            answer = firstRefusal != null ? firstRefusal : answer;
            answers.add(answer);
            records.add(new ScanLog.Entry(
                    admission.device(),
                    admission.scan().gate(),
                    admission.scan().direction(),
                    admission.kind(),
                    answer.ticket() == null ? null : answer.ticket().ticketId(),
                    answer.result(),
                    answer.reason(),
                    admission.scan().scannedAt()));
        }
        redemptions.recordAll(entries);
        scans.recordAll(records);
        return answers;
    }
}
