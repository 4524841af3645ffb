package com.wuhou.ticketing.checkin.occupancy;

import com.wuhou.ticketing.checkin.CheckinProperties;
import com.wuhou.ticketing.order.api.Museum;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts the accepted IN and OUT scans of the museum day from the scan records (shared by every
 * instance, so each one answers the same), and exports them as metrics: {@code checkin.headcount}
 * per area, {@code checkin.headcount.site} and {@code checkin.headcount.alert} (1 from the configured
 * share of the site's capacity on).
 *
 * <p>Counting the whole day on every call took MySQL 0.8 s once the day had 60,000 scans, every five
 * seconds and on every gate's request. So each instance keeps a tally of the day up to a scan id and
 * reads only the scans after it: those older than {@link #SETTLED} are folded into the tally (ids
 * below them are committed by then), the newer tail is added afresh each time, since a scan with a
 * lower id may still be committing.
 */
@Component
public class Headcount {

    private static final ZoneId MUSEUM = Museum.ZONE;

    /** Longer than a verification's transaction can last. */
    static final Duration SETTLED = Duration.ofSeconds(10);

    private static final String COUNT = "SELECT area, SUM(CASE direction WHEN 'IN' THEN 1 ELSE -1 END) AS inside"
            + " FROM scan WHERE id > ? AND id <= ? AND result = 'ACCEPTED' GROUP BY area";

    /** The day's counts per area from its first scan up to scan {@code upTo}. */
    private record Tally(LocalDate day, long upTo, Map<String, Long> inside) {}

    private final JdbcTemplate jdbc;
    private final CheckinProperties properties;
    private final Clock clock;
    private final MultiGauge byArea;
    private final AtomicReference<Occupancy> last = new AtomicReference<>();
    private Tally tally;

    Headcount(JdbcTemplate jdbc, CheckinProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.byArea = MultiGauge.builder("checkin.headcount")
                .description("Visitors inside an area now (accepted IN minus OUT scans today)")
                .register(meters);
        Gauge.builder("checkin.headcount.site", this, h -> h.current().headcount())
                .description("Visitors inside the site now")
                .register(meters);
        Gauge.builder("checkin.headcount.alert", this, h -> h.current().alert() ? 1 : 0)
                .description("1 once the headcount reached the alert share of the site's capacity")
                .register(meters);
    }

    /** Counted now. */
    public synchronized Occupancy now() {
        LocalDate today = LocalDate.now(clock.withZone(MUSEUM));
        if (tally == null || !tally.day().equals(today)) {
            tally = new Tally(today, lastScanBefore(today), Map.of());
        }
        Long settled = jdbc.queryForObject(
                "SELECT MAX(id) FROM scan WHERE id > ? AND received_at < ?",
                Long.class,
                tally.upTo(),
                utc(clock.instant().minus(SETTLED)));
        if (settled != null) {
            tally = new Tally(today, settled, sum(tally.inside(), count(tally.upTo(), settled)));
        }
        Map<String, Long> inside = sum(tally.inside(), count(tally.upTo(), Long.MAX_VALUE));
        List<Occupancy.Area> areas = inside.entrySet().stream()
                .map(e -> new Occupancy.Area(e.getKey(), Math.max(0, e.getValue())))
                .toList();
        long site = areas.stream().mapToLong(Occupancy.Area::headcount).sum();
        int capacity = properties.siteCapacity();
        boolean alert = capacity > 0 && site >= Math.ceil(capacity * properties.alertAt());
        Occupancy occupancy = new Occupancy(today, site, capacity, alert, areas);
        last.set(occupancy);
        return occupancy;
    }

    /** Refreshes the metrics every few seconds. */
    @Scheduled(fixedDelayString = "${ticketing.checkin.headcount-refresh:5s}")
    public void refresh() {
        Occupancy occupancy = now();
        byArea.register(
                occupancy.areas().stream()
                        .map(a -> MultiGauge.Row.of(Tags.of("area", a.area()), a.headcount()))
                        .toList(),
                true);
    }

    private Occupancy current() {
        Occupancy occupancy = last.get();
        return occupancy == null ? now() : occupancy;
    }

    /** The id after which the day's scans begin (scan ids grow with time). */
    private long lastScanBefore(LocalDate day) {
        List<Long> first = jdbc.queryForList(
                "SELECT id FROM scan WHERE received_at >= ? ORDER BY received_at, id LIMIT 1",
                Long.class,
                utc(day.atStartOfDay(MUSEUM).toInstant()));
        if (!first.isEmpty()) {
            return first.get(0) - 1;
        }
        Long latest = jdbc.queryForObject("SELECT MAX(id) FROM scan", Long.class);
        return latest == null ? 0 : latest;
    }

    private Map<String, Long> count(long after, long upTo) {
        Map<String, Long> inside = new HashMap<>();
        jdbc.query(
                COUNT,
                rs -> {
                    inside.put(rs.getString("area"), rs.getLong("inside"));
                },
                after,
                upTo);
        return inside;
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> total = new TreeMap<>(a);
        b.forEach((area, n) -> total.merge(area, n, Long::sum));
        return total;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
